using AuthServer.Endpoints;
using AuthServer.Extensions;
using AuthServer.Hardening;
using AuthServer.Pages.Assets;

var builder = WebApplication.CreateBuilder(args);

builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseSecurityHeaders();
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
app.MapStylesheet();

app.Run();
