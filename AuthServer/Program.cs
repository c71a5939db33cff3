using AuthServer.Endpoints;
using AuthServer.Extensions;
using AuthServer.Hardening;

var builder = WebApplication.CreateBuilder(args);

builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseSecurityHeaders();
app.UseRateLimiter();

app.MapHealthChecks("/health");
app.MapDiscoveryApi();
app.MapTokenApi();
app.MapIntrospectionApi();
app.MapRevocationApi();

app.Run();
