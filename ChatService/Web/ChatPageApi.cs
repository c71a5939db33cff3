using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatService.Mcp;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatService.Web;

/// <summary>
/// The chat page and its sign-in: the page itself (static HTML, script and styles from this assembly), the
/// authorization code + PKCE flow as the public <c>chat-web</c> client asking for ChatService's and McpResource's
/// resources, the session endpoint the page's script reads its token from, and sign-out.
/// </summary>
public static partial class ChatPageApi
{
    public static IEndpointRouteBuilder MapChatPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => PageAssets.Result("chat.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/chat.js", () => PageAssets.Result("chat.js", "text/javascript; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/chat.css", () => PageAssets.Result("chat.css", "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/favicon.ico", () => TypedResults.NoContent()).ExcludeFromDescription();
        app.MapGet("/signin", SignInAsync).ExcludeFromDescription();
        app.MapGet("/signin-callback", CallbackAsync).ExcludeFromDescription();
        app.MapGet("/session", SessionAsync).ExcludeFromDescription();
        app.MapPost("/signout", SignOutAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, [AsParameters] WebServices services)
    {
        AuthorizationServerMetadata metadata;
        try
        {
            metadata = await services.Discovery.GetAsync(context.RequestAborted);
        }
        catch (ServiceTokenUnavailableException)
        {
            return ErrorPage(StatusCodes.Status503ServiceUnavailable, "The sign-in server cannot be reached right now. Try again in a moment.");
        }

        if (metadata.AuthorizationEndpoint is null)
        {
            return ErrorPage(StatusCodes.Status503ServiceUnavailable, "The sign-in server publishes no authorization endpoint.");
        }

        var pending = new PendingSignIn(Pkce.RandomValue(16), Pkce.RandomValue());
        services.Cookies.WriteSignIn(context.Response, pending);
        var web = services.Web.Value;
        var query = new List<KeyValuePair<string, string?>>
        {
            new("response_type", "code"),
            new("client_id", web.ClientId),
            new("redirect_uri", RedirectUri(services).ToString()),
            new("scope", web.Scopes),
            new("state", pending.State),
            new("code_challenge", Pkce.Challenge(pending.Verifier)),
            new("code_challenge_method", "S256"),
            // RFC 8707: one token for this API and for the tools it passes the token on to.
            new("resource", Audience(services)),
            new("resource", services.Chat.Value.McpResourceUri!.ToString().TrimEnd('/')),
        };
        if (WebCookies.SignedOutHere(context.Request))
        {
            // The user signed out here: AuthServer asks for the password again, so someone else can sign in.
            query.Add(new("prompt", "login"));
        }

        return TypedResults.Redirect(QueryHelpers.AddQueryString(metadata.AuthorizationEndpoint.ToString(), query));
    }

    private static async Task<IResult> CallbackAsync(HttpContext context, [AsParameters] WebServices services)
    {
        var pending = services.Cookies.ReadSignIn(context.Request);
        WebCookies.ClearSignIn(context.Response);
        var query = context.Request.Query;
        if (pending is null || !FixedTimeEquals(query["state"].ToString(), pending.State))
        {
            return ErrorPage(StatusCodes.Status400BadRequest, "This sign-in answer does not belong to a sign-in started here. Start again.");
        }

        if (query["error"].ToString() is { Length: > 0 } error)
        {
            var description = query["error_description"].ToString();
            return ErrorPage(StatusCodes.Status400BadRequest, $"Sign-in was not completed ({error}{(description.Length > 0 ? ": " + description : "")}).");
        }

        AuthorizationServerMetadata metadata;
        try
        {
            metadata = await services.Discovery.GetAsync(context.RequestAborted);
        }
        catch (ServiceTokenUnavailableException)
        {
            return ErrorPage(StatusCodes.Status503ServiceUnavailable, "The sign-in server cannot be reached right now. Try again in a moment.");
        }

        // RFC 9207: an iss parameter, when present, must name the server the flow started at.
        if (query.TryGetValue("iss", out var iss) && !string.Equals(iss.ToString(), metadata.Issuer, StringComparison.Ordinal))
        {
            return ErrorPage(StatusCodes.Status400BadRequest, "The sign-in answer came from another server.");
        }

        var code = query["code"].ToString();
        if (code.Length == 0)
        {
            return ErrorPage(StatusCodes.Status400BadRequest, "The sign-in answer has no authorization code.");
        }

        var session = await ExchangeAsync(services, metadata, code, pending.Verifier, context.RequestAborted);
        if (session is null)
        {
            return ErrorPage(StatusCodes.Status502BadGateway, "The sign-in server did not accept the authorization code. Start again.");
        }

        services.Cookies.WriteSession(context.Response, session, services.Web.Value.SessionLifetime);
        WebCookies.ClearSignedOut(context.Response);
        LogSignedIn(services.Logger);
        return TypedResults.Redirect("/");
    }

    /// <summary>How close to its expiry an access token is renewed rather than handed out.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(30);

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> SessionAsync(HttpContext context, [AsParameters] WebServices services)
    {
        context.Response.Headers.CacheControl = "no-store";
        var session = services.Cookies.ReadSession(context.Request);
        var now = services.Time.GetUtcNow();
        if (session is not null && session.ExpiresAt - now <= RenewBefore && session.RefreshToken is not null)
        {
            WebSession? renewed;
            try
            {
                renewed = await services.Refresher.RefreshAsync(session, services.Web.Value.ClientId, context.RequestAborted);
            }
            catch (SessionRefreshUnavailableException ex)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Session not renewed", detail: ex.Message + " Try again in a moment.");
            }

            if (renewed is null)
            {
                WebCookies.ClearSession(context.Response);
                session = null;
            }
            else
            {
                services.Cookies.WriteSession(context.Response, renewed, services.Web.Value.SessionLifetime);
                session = renewed;
            }
        }

        if (session is null || session.ExpiresAt <= now)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: "Sign in to use the chat.");
        }

        return TypedResults.Ok(new SessionView(session.AccessToken, session.ExpiresAt));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, [AsParameters] WebServices services)
    {
        if (services.Cookies.ReadSession(context.Request) is { } session)
        {
            // The refresh token first: AuthServer then also revokes the access tokens of its grant.
            if (session.RefreshToken is not null)
            {
                await RevokeAsync(services, session.RefreshToken, "refresh_token", context.RequestAborted);
            }

            await RevokeAsync(services, session.AccessToken, "access_token", context.RequestAborted);
        }

        WebCookies.ClearSession(context.Response);
        WebCookies.MarkSignedOut(context.Response);
        return TypedResults.Redirect("/");
    }

    private static async Task<WebSession?> ExchangeAsync(
        WebServices services, AuthorizationServerMetadata metadata, string code, string verifier, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri(services).ToString(),
            ["client_id"] = services.Web.Value.ClientId,
            ["code_verifier"] = verifier,
        };
        try
        {
            var http = services.HttpClients.CreateClient(AuthorizationServerDiscovery.HttpClientName);
            using var response = await http.PostAsync(metadata.TokenEndpoint, new FormUrlEncodedContent(form), cancellationToken);
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogExchangeRefused(services.Logger, (int)response.StatusCode,
                    body.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null);
                return null;
            }

            var token = CachedToken.From(body.RootElement, services.Time.GetUtcNow(), 1.0);
            var refreshToken = body.RootElement.TryGetProperty("refresh_token", out var refresh) && refresh.ValueKind == JsonValueKind.String
                ? refresh.GetString()
                : null;
            return new WebSession(token.Value, token.ExpiresAt, refreshToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or ServiceTokenUnavailableException
            || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogExchangeRefused(services.Logger, 0, ex.GetType().Name);
            return null;
        }
    }

    private static async Task RevokeAsync(WebServices services, string token, string tokenTypeHint, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await services.Discovery.GetAsync(cancellationToken);
            if (metadata.RevocationEndpoint is null)
            {
                return;
            }

            var http = services.HttpClients.CreateClient(AuthorizationServerDiscovery.HttpClientName);
            using var response = await http.PostAsync(metadata.RevocationEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = token,
                ["token_type_hint"] = tokenTypeHint,
                ["client_id"] = services.Web.Value.ClientId,
            }), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or ServiceTokenUnavailableException
            || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Sign-out still clears the session; the token ends at its expiry.
        }
    }

    private static string Audience(WebServices services) =>
        (services.Identity.Value.Audience ?? throw new InvalidOperationException("TokenValidation:Audience is not set.")).ToString().TrimEnd('/');

    private static Uri RedirectUri(WebServices services) =>
        services.Web.Value.RedirectUri ?? new Uri(new Uri(Audience(services)), "/signin-callback");

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static ContentHttpResult ErrorPage(int status, string message) =>
        TypedResults.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in problem</title><link rel=\"stylesheet\" href=\"/chat.css\"></head>" +
            $"<body><main class=\"notice\"><h1>Sign-in problem</h1><p id=\"error\">{WebUtility.HtmlEncode(message)}</p><p><a href=\"/\">Back to the chat</a></p></main></body></html>",
            "text/html; charset=utf-8", Encoding.UTF8, status);

    [LoggerMessage(Level = LogLevel.Information, Message = "A user signed in to the chat page")]
    private static partial void LogSignedIn(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The authorization code exchange failed ({Status}, {Error})")]
    private static partial void LogExchangeRefused(ILogger logger, int status, string? error);
}

public sealed record SessionView(string AccessToken, DateTimeOffset ExpiresAt);
