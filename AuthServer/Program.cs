using AuthServer.Endpoints;
using AuthServer.Extensions;
using AuthServer.Hardening;

var builder = WebApplication.CreateBuilder(args);

builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealthChecks("/health");
app.MapDiscoveryApi();
app.MapAuthorizeApi();
app.MapTokenApi();
app.MapIntrospectionApi();
app.MapRevocationApi();
app.MapUserInfoApi();
app.MapRegistrationApi();
app.MapRazorPages();

app.Run();
