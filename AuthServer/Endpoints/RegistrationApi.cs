using System.Text.Json;
using AuthServer.Clients;
using AuthServer.Data;
using AuthServer.Hardening;
using AuthServer.OAuth;
using AuthServer.Options;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthServer.Endpoints;

/// <summary>
/// RFC 7591 dynamic client registration, as MCP clients use it. Public clients (token_endpoint_auth_method none)
/// get no secret; confidential ones get a generated 256-bit secret, stored as its SHA-256 digest.
/// </summary>
public static partial class RegistrationApi
{
    public static RouteHandlerBuilder MapRegistrationApi(this IEndpointRouteBuilder app) =>
        app.MapPost(EndpointPaths.Register, HandleAsync)
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicies.Register)
            .WithTags("OAuth");

    public sealed record Services(AuthDbContext Db, IOptions<AuthServerOptions> Options, TimeProvider Time, ILogger<RegistrationLog> Logger);

    /// <summary>Log category of registrations.</summary>
    public sealed class RegistrationLog;

    private static async Task<Results<OAuthJsonResult<Dictionary<string, object?>>, OAuthErrorResult>> HandleAsync(
        HttpContext context, [AsParameters] Services services)
    {
        if (!services.Options.Value.DynamicRegistration.Enabled)
        {
            return new OAuthErrorResult(new OAuthError(OAuthErrors.AccessDenied, "Dynamic registration is disabled.", StatusCodes.Status403Forbidden));
        }

        if (context.Request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new OAuthErrorResult(new OAuthError(OAuthErrors.InvalidClientMetadata, "The body must be application/json."));
        }

        JsonElement metadata;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            metadata = document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is JsonException or BadHttpRequestException)
        {
            return new OAuthErrorResult(new OAuthError(OAuthErrors.InvalidClientMetadata, "The body is not valid JSON."));
        }

        var now = services.Time.GetUtcNow();
        var (client, error) = ClientRegistrationValidator.Validate(metadata, services.Options.Value.DynamicRegistration, now);
        if (client is null)
        {
            return new OAuthErrorResult(error!);
        }

        string? secret = null;
        if (client.ClientType == ClientTypes.Confidential)
        {
            secret = SecretHasher.NewSecret();
            client.SecretHash = SecretHasher.Hash(secret);
        }

        services.Db.Clients.Add(client);
        await services.Db.SaveChangesAsync(context.RequestAborted);
        LogRegistered(services.Logger, client.ClientId, client.DisplayName, client.ClientType);

        var response = new Dictionary<string, object?>
        {
            ["client_id"] = client.ClientId,
            ["client_id_issued_at"] = now.ToUnixTimeSeconds(),
            ["client_name"] = client.DisplayName,
            ["redirect_uris"] = client.RedirectUris,
            ["grant_types"] = client.GrantTypes,
            ["response_types"] = client.ResponseTypes,
            ["token_endpoint_auth_method"] = client.TokenEndpointAuthMethod,
            ["application_type"] = client.ApplicationType,
            ["scope"] = Scopes.Join(client.Scopes),
        };
        if (client.ClientUri is not null)
        {
            response["client_uri"] = client.ClientUri;
        }

        if (secret is not null)
        {
            response["client_secret"] = secret;
            response["client_secret_expires_at"] = 0;
        }

        return new OAuthJsonResult<Dictionary<string, object?>>(response, StatusCodes.Status201Created);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered client {ClientId} ({ClientName}, {ClientType})")]
    private static partial void LogRegistered(ILogger logger, string clientId, string clientName, string clientType);
}
