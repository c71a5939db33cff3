using AuthServer.Data;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Pages.Account;

/// <summary>The apps the signed-in user allowed; revoking one forgets the consent and revokes every grant it had.</summary>
[Authorize]
public sealed class ConsentsModel(AuthDbContext db, UserManager<AuthUser> users, GrantRevoker revoker) : PageModel
{
    public sealed record ConnectedApp(string ClientId, string ClientName, string Scopes, DateTimeOffset GrantedAt);

    public IReadOnlyList<ConnectedApp> Apps { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = users.GetUserId(User)!;
        Apps = await (from consent in db.Consents.AsNoTracking()
                      join client in db.Clients.AsNoTracking() on consent.ClientId equals client.ClientId
                      where consent.UserId == userId
                      orderby client.DisplayName
                      select new ConnectedApp(client.ClientId, client.DisplayName, consent.Scopes, consent.GrantedAt))
            .ToListAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync(string clientId)
    {
        var userId = users.GetUserId(User)!;
        var cancellationToken = HttpContext.RequestAborted;
        await db.Consents.Where(c => c.UserId == userId && c.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
        var grants = await db.Grants.AsNoTracking()
            .Where(g => g.Subject == userId && g.ClientId == clientId && g.RevokedAt == null)
            .Select(g => g.Id)
            .ToListAsync(cancellationToken);
        foreach (var grant in grants)
        {
            await revoker.RevokeGrantAsync(grant, cancellationToken);
        }

        return RedirectToPage();
    }
}
