using McpResource.Endpoints;
using McpResource.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.UseCors();
app.MapProtectedResourceMetadataApi();
app.MapMcpApi();

app.Run();
