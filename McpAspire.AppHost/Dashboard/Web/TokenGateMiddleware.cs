using Microsoft.Extensions.Primitives;

namespace McpAspire.Dashboard.Web;

/// <summary>
/// Every dashboard page needs the session cookie. <c>GET /login?t=...</c> (the printed address) or <c>POST /login</c>
/// (the form) with the right token sets it and redirects to the resources page; anything else without it gets 401.
/// </summary>
internal static class TokenGateMiddleware
{
    public static void UseDashboardTokenGate(this WebApplication app, DashboardTokenGate gate)
    {
        app.Use(async (context, next) =>
        {
            SecurityHeaders(context.Response);
            var path = context.Request.Path;
            if (path.Equals("/login", StringComparison.Ordinal))
            {
                await LoginAsync(context, gate);
                return;
            }

            if (path.Equals(Assets.StylePath, StringComparison.Ordinal) || gate.IsSession(context.Request.Cookies[DashboardTokenGate.CookieName]))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            if (path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                await context.Response.WriteAsJsonAsync(new { title = "Sign in with the dashboard token printed by the AppHost.", status = 401 }, context.RequestAborted);
                return;
            }

            await HtmlPage.WriteAsync(context, HtmlPage.LoginForm(failed: false), StatusCodes.Status401Unauthorized);
        });
    }

    private static async Task LoginAsync(HttpContext context, DashboardTokenGate gate)
    {
        StringValues presented;
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            presented = form["token"];
        }
        else if (HttpMethods.IsGet(context.Request.Method))
        {
            presented = context.Request.Query["t"];
            if (presented.Count == 0)
            {
                await HtmlPage.WriteAsync(context, HtmlPage.LoginForm(failed: false), StatusCodes.Status200OK);
                return;
            }
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (!gate.IsToken(presented.ToString()))
        {
            await HtmlPage.WriteAsync(context, HtmlPage.LoginForm(failed: true), StatusCodes.Status401Unauthorized);
            return;
        }

        context.Response.Cookies.Append(DashboardTokenGate.CookieName, gate.SessionValue, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
        context.Response.Redirect("/");
    }

    private static void SecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }
}
