using AuthServer.Authorization;
using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Options;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthServer.Pages.Account;

/// <summary>
/// Asks the signed-in user to allow a client the scopes it asked for (in words, with the client's name and the host
/// it will redirect to). Allow is remembered per user, client and scopes; deny returns access_denied to the client.
/// </summary>
[Authorize]
public sealed class ConsentModel(
    AuthorizationRequestValidator validator,
    UserManager<AuthUser> users,
    AuthDbContext db,
    IOptions<AuthServerOptions> options,
    TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string ClientName { get; private set; } = "";

    public string RedirectHost { get; private set; } = "";

    public IReadOnlyList<(string Name, string Description)> ScopeDescriptions { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (request, _, scopes) = await LoadAsync();
        if (request is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        ClientName = request.Client.DisplayName;
        RedirectHost = new Uri(request.RedirectUri).Authority;
        ScopeDescriptions = scopes.Select(s => (s, Scopes.Describe(s))).ToArray();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? decision)
    {
        var (request, user, scopes) = await LoadAsync();
        if (request is null || user is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (decision != "allow")
        {
            var denied = new OAuthError(OAuthErrors.AccessDenied, "The user denied the request.");
            return Redirect(AuthorizationRedirect.Error(request.RedirectUri, denied, request.State, options.Value.Issuer));
        }

        var consent = await db.Consents.FirstOrDefaultAsync(c => c.UserId == user.Id && c.ClientId == request.Client.ClientId, HttpContext.RequestAborted);
        if (consent is null)
        {
            db.Consents.Add(new UserConsent { UserId = user.Id, ClientId = request.Client.ClientId, Scopes = Scopes.Join(scopes), GrantedAt = time.GetUtcNow() });
        }
        else
        {
            consent.Scopes = Scopes.Join(Scopes.Parse(consent.Scopes).Concat(scopes));
            consent.GrantedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return LocalRedirect(ReturnUrl!);
    }

    private async Task<(AuthorizationRequest? Request, AuthUser? User, IReadOnlyList<string> Scopes)> LoadAsync()
    {
        if (ReturnUrl is null || !ReturnUrl.StartsWith(Endpoints.EndpointPaths.Authorize + "?", StringComparison.Ordinal) || !Url.IsLocalUrl(ReturnUrl))
        {
            ErrorMessage = "There is no authorization request to answer.";
            return (null, null, []);
        }

        var parameters = QueryHelpers.ParseQuery(new Uri("http://local" + ReturnUrl).Query);
        var validation = await validator.ValidateAsync(parameters, HttpContext.RequestAborted);
        if (validation.Request is null)
        {
            ErrorMessage = validation.PageError ?? validation.RedirectError?.Description ?? "The authorization request is not valid.";
            return (null, null, []);
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            ErrorMessage = "Your account no longer exists.";
            return (null, null, []);
        }

        var scopes = ScopePolicy.Intersect(validation.Request.Scopes, validation.Request.Client.Scopes, ScopePolicy.UserAllows(user.Scopes));
        return (validation.Request, user, scopes);
    }
}
