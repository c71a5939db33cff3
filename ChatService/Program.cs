using ChatService.Apis;
using ChatService.Extensions;
using ChatService.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddApplicationServices();
builder.AddChatAuthentication();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapChatApi();
app.MapChatPage();

app.Run();
