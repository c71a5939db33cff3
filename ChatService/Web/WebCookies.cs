using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace ChatService.Web;

/// <summary>
/// The page's two cookies, encrypted and signed with ASP.NET Core data protection: the pending sign-in (state and
/// PKCE verifier, for ten minutes) and the session (the user's access token and refresh token, HttpOnly so page
/// scripts never see them; the access token is handed out through <c>/session</c>), plus a plain marker that the user signed out here, so the next sign-in asks
/// AuthServer for a fresh login (<c>prompt=login</c>) instead of silently reusing its session: another user can
/// then sign in on the same browser.
/// </summary>
public sealed class WebCookies(IDataProtectionProvider dataProtection)
{
    public const string SignInCookie = "chat.signin";
    public const string SessionCookie = "chat.session";
    public const string SignedOutCookie = "chat.signedout";

    private readonly IDataProtector _signIn = dataProtection.CreateProtector("ChatService.Web.SignIn");
    private readonly IDataProtector _session = dataProtection.CreateProtector("ChatService.Web.Session");

    public void WriteSignIn(HttpResponse response, PendingSignIn pending) =>
        response.Cookies.Append(SignInCookie, _signIn.Protect(JsonSerializer.Serialize(pending)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/signin-callback",
            MaxAge = TimeSpan.FromMinutes(10),
            Secure = response.HttpContext.Request.IsHttps,
        });

    public PendingSignIn? ReadSignIn(HttpRequest request) => Read<PendingSignIn>(request, SignInCookie, _signIn);

    public static void ClearSignIn(HttpResponse response) =>
        response.Cookies.Delete(SignInCookie, new CookieOptions { Path = "/signin-callback" });

    /// <summary>
    /// The session cookie; it lives as long as the access token, or <paramref name="renewableFor"/> when the session
    /// holds a refresh token (AuthServer decides how long that one really works).
    /// </summary>
    public void WriteSession(HttpResponse response, WebSession session, TimeSpan renewableFor) =>
        response.Cookies.Append(SessionCookie, _session.Protect(JsonSerializer.Serialize(session)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = session.RefreshToken is null ? session.ExpiresAt : DateTimeOffset.UtcNow + renewableFor,
            Secure = response.HttpContext.Request.IsHttps,
        });

    public WebSession? ReadSession(HttpRequest request) => Read<WebSession>(request, SessionCookie, _session);

    public static void ClearSession(HttpResponse response) => response.Cookies.Delete(SessionCookie, new CookieOptions { Path = "/" });

    public static void MarkSignedOut(HttpResponse response) =>
        response.Cookies.Append(SignedOutCookie, "1", new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = TimeSpan.FromDays(30),
            Secure = response.HttpContext.Request.IsHttps,
        });

    public static bool SignedOutHere(HttpRequest request) => request.Cookies.ContainsKey(SignedOutCookie);

    public static void ClearSignedOut(HttpResponse response) => response.Cookies.Delete(SignedOutCookie, new CookieOptions { Path = "/" });

    private static T? Read<T>(HttpRequest request, string name, IDataProtector protector)
        where T : class
    {
        if (!request.Cookies.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(protector.Unprotect(value));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}

public sealed record PendingSignIn(string State, string Verifier);

/// <summary>The signed-in user's tokens, only ever inside the encrypted HttpOnly cookie.</summary>
public sealed record WebSession(string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken = null);
