using McpAspire.Dashboard.Integration;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var authDb = postgres.AddDatabase("authdb");
var mcpDb = postgres.AddDatabase("mcpdb");
var chatDb = postgres.AddDatabase("chatdb");
var cache = builder.AddRedis("cache");

// Client secrets of the seeded confidential clients: configured as Parameters:<name>, else generated once.
var mcpResourceSecret = builder.AddParameter("mcp-resource-client-secret", secret: true);
var chatServiceSecret = builder.AddParameter("chat-service-client-secret", secret: true);

var authServer = builder.AddProject<Projects.AuthServer>("auth-server");
var mcpResource = builder.AddProject<Projects.McpResource>("mcp-resource");
var chatService = builder.AddProject<Projects.ChatService>("chat-service");

var issuer = authServer.GetEndpoint("http");
var mcpResourceUri = ReferenceExpression.Create($"{mcpResource.GetEndpoint("http")}/mcp");
var chatApiUri = ReferenceExpression.Create($"{chatService.GetEndpoint("http")}/api");

authServer
    .WithReference(authDb).WaitFor(authDb)
    .WithReference(cache).WaitFor(cache)
    .WithEnvironment("AuthServer__Issuer", issuer)
    .WithEnvironment("AuthServer__Resources__mcp-resource__Uri", mcpResourceUri)
    .WithEnvironment("AuthServer__Resources__chat-service__Uri", chatApiUri)
    .WithEnvironment("AuthServer__Clients__mcp-resource__ClientSecret", mcpResourceSecret)
    .WithEnvironment("AuthServer__Clients__chat-service__ClientSecret", chatServiceSecret)
    .WithEnvironment("AuthServer__Clients__chat-web__RedirectUris__0",
        ReferenceExpression.Create($"{chatService.GetEndpoint("http")}/signin-callback"))
    .WithHttpHealthCheck("/health");

// The services reach each other only when a request comes (metadata, introspection, service token), so they
// start in parallel; each waits for its own database and Redis.
mcpResource
    .WithReference(mcpDb).WaitFor(mcpDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(authServer)
    .WithEnvironment("TokenValidation__Issuer", issuer)
    .WithEnvironment("TokenValidation__Audience", mcpResourceUri)
    .WithEnvironment("TokenValidation__ClientId", "mcp-resource")
    .WithEnvironment("TokenValidation__ClientSecret", mcpResourceSecret)
    .WithHttpHealthCheck("/health");

chatService
    .WithReference(chatDb).WaitFor(chatDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(authServer)
    .WithReference(mcpResource)
    .WithEnvironment("TokenValidation__Issuer", issuer)
    .WithEnvironment("TokenValidation__Audience", chatApiUri)
    .WithEnvironment("TokenValidation__ClientId", "chat-service")
    .WithEnvironment("TokenValidation__ClientSecret", chatServiceSecret)
    .WithEnvironment("ChatService__McpResourceUri", mcpResourceUri)
    .WithHttpHealthCheck("/health");

// The chat agent answers with the built-in planner unless an OpenAI-compatible endpoint is configured
// (Parameters:chat-model-endpoint and chat-model, key in Parameters:chat-model-api-key).
if (builder.Configuration["Parameters:chat-model-endpoint"] is { Length: > 0 } modelEndpoint)
{
    chatService
        .WithEnvironment("ChatService__Agent__Provider", "openai")
        .WithEnvironment("ChatService__Agent__Endpoint", modelEndpoint)
        .WithEnvironment("ChatService__Agent__Model", builder.Configuration["Parameters:chat-model"] ?? "")
        .WithEnvironment("ChatService__Agent__ApiKey", builder.AddParameter("chat-model-api-key", secret: true));
}

builder.AddDashboard();

builder.Build().Run();
