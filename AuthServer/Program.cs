using AuthServer.Endpoints;
using AuthServer.Extensions;
using AuthServer.Hardening;
using AuthServer.Pages.Assets;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
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
