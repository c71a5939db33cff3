using AuthServer.Authorization;
using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Options;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AuthServer.Endpoints;

/// <summary>
/// The authorization endpoint (RFC 6749 section 3.1, code flow only): validates the request, sends the user to the
/// login and consent pages when needed, then redirects back with a code (or an error), <c>state</c> and <c>iss</c>.
/// </summary>
public static class AuthorizeApi
{
    public static RouteGroupBuilder MapAuthorizeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(EndpointPaths.Authorize).WithTags("OAuth");
        group.MapGet("", HandleGetAsync);
        group.MapPost("", HandlePostAsync).DisableAntiforgery();
        return group;
    }

    public sealed record Services(
        AuthorizationRequestValidator Validator,
        AuthorizationCodeIssuer Codes,
        UserManager<AuthUser> Users,
        AuthDbContext Db,
        IOptions<AuthServerOptions> Options);

    private static Task<IResult> HandleGetAsync(HttpContext context, [AsParameters] Services services) =>
        HandleAsync(context, services, context.Request.Query.ToDictionary(p => p.Key, p => p.Value));

    private static async Task<IResult> HandlePostAsync(HttpContext context, [AsParameters] Services services)
    {
        if (!context.Request.HasFormContentType)
        {
            return new ErrorPageResult(OAuthErrors.InvalidRequest, "The request body must be a form.");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return new ErrorPageResult(OAuthErrors.InvalidRequest, "The request body could not be read as a form.");
        }

        return await HandleAsync(context, services, form.ToDictionary(p => p.Key, p => p.Value));
    }

    private static async Task<IResult> HandleAsync(HttpContext context, Services services, Dictionary<string, StringValues> parameters)
    {
        var cancellationToken = context.RequestAborted;
        var issuer = services.Options.Value.Issuer;
        var validation = await services.Validator.ValidateAsync(parameters, cancellationToken);
        if (validation.PageError is not null)
        {
            return new ErrorPageResult(OAuthErrors.InvalidRequest, validation.PageError);
        }

        if (validation.RedirectError is not null)
        {
            return TypedResults.Redirect(AuthorizationRedirect.Error(validation.RedirectUri!, validation.RedirectError, validation.State, issuer));
        }

        var request = validation.Request!;
        IResult Fail(OAuthError error) => TypedResults.Redirect(AuthorizationRedirect.Error(request.RedirectUri, error, request.State, issuer));

        var authentication = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = authentication.Succeeded ? await services.Users.GetUserAsync(authentication.Principal) : null;
        if (user is not null && await services.Users.IsLockedOutAsync(user))
        {
            user = null;
        }

        // prompt=login asks for a fresh login; the login page comes back here without it (but with prompt=consent, if asked).
        if (user is null || request.Prompt.Contains("login"))
        {
            if (request.Prompt.Contains("none"))
            {
                return Fail(new OAuthError(OAuthErrors.LoginRequired, "The user is not signed in."));
            }

            if (user is not null)
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            return TypedResults.Redirect(QueryHelpers.AddQueryString(EndpointPaths.Login, "ReturnUrl", ReturnUrl(parameters, "login")));
        }

        var scopes = ScopePolicy.Intersect(request.Scopes, request.Client.Scopes, ScopePolicy.UserAllows(user.Scopes));
        if (scopes.Count == 0)
        {
            return Fail(new OAuthError(OAuthErrors.AccessDenied, "The user may not grant any of the requested scopes."));
        }

        if (request.Client.RequireConsent)
        {
            var consent = await services.Db.Consents.AsNoTracking()
                .FirstOrDefaultAsync(c => c.UserId == user.Id && c.ClientId == request.Client.ClientId, cancellationToken);
            var covered = consent is not null && scopes.All(Scopes.Parse(consent.Scopes).Contains);
            if (!covered || request.Prompt.Contains("consent"))
            {
                if (request.Prompt.Contains("none"))
                {
                    return Fail(new OAuthError(OAuthErrors.ConsentRequired, "The user has not consented to this client."));
                }

                return TypedResults.Redirect(QueryHelpers.AddQueryString(EndpointPaths.Consent, "ReturnUrl", ReturnUrl(parameters, "login", "consent")));
            }
        }

        var authTime = authentication.Properties?.IssuedUtc ?? DateTimeOffset.UtcNow;
        var code = await services.Codes.IssueAsync(request, user, scopes, authTime, cancellationToken);
        return TypedResults.Redirect(AuthorizationRedirect.Success(request.RedirectUri, code, request.State, issuer));
    }

    /// <summary>
    /// The same request as a local GET URL for the login and consent pages to come back to, without the prompt values
    /// those pages have already answered.
    /// </summary>
    private static string ReturnUrl(Dictionary<string, StringValues> parameters, params string[] answered)
    {
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var (key, values) in parameters)
        {
            if (key != OAuthParameters.Prompt)
            {
                query.AddRange(values.Select(v => new KeyValuePair<string, string?>(key, v)));
                continue;
            }

            var remaining = string.Join(' ', values.SelectMany(v => (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(v => !answered.Contains(v)));
            if (remaining.Length > 0)
            {
                query.Add(new(key, remaining));
            }
        }

        return QueryHelpers.AddQueryString(EndpointPaths.Authorize, query);
    }
}
