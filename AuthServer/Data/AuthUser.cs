using Microsoft.AspNetCore.Identity;

namespace AuthServer.Data;

/// <summary>A person who signs in. <see cref="Scopes"/> is what the user may grant to clients (space separated).</summary>
public sealed class AuthUser : IdentityUser
{
    public string Scopes { get; set; } = "";
}
