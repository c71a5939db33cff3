using System.Text;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Data;

/// <summary>Users (ASP.NET Core Identity), clients, grants, hashed codes and tokens, consents, keys.</summary>
public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : IdentityUserContext<AuthUser>(options)
{
    public DbSet<ClientApplication> Clients => Set<ClientApplication>();

    public DbSet<AuthorizationGrant> Grants => Set<AuthorizationGrant>();

    public DbSet<AuthorizationCode> AuthorizationCodes => Set<AuthorizationCode>();

    public DbSet<RefreshTokenRecord> RefreshTokens => Set<RefreshTokenRecord>();

    public DbSet<AccessTokenRecord> AccessTokens => Set<AccessTokenRecord>();

    public DbSet<UserConsent> Consents => Set<UserConsent>();

    public DbSet<SigningKeyRecord> SigningKeys => Set<SigningKeyRecord>();

    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AuthUser>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.Scopes).HasMaxLength(500);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("user_tokens");

        builder.Entity<ClientApplication>(e =>
        {
            e.ToTable("clients");
            e.HasKey(c => c.ClientId);
            e.Property(c => c.ClientId).HasMaxLength(100);
            e.Property(c => c.DisplayName).HasMaxLength(200);
            e.Property(c => c.ClientType).HasMaxLength(20);
            e.Property(c => c.TokenEndpointAuthMethod).HasMaxLength(40);
            e.Property(c => c.SecretHash).HasMaxLength(64);
            e.Property(c => c.ApplicationType).HasMaxLength(20);
            e.Property(c => c.ClientUri).HasMaxLength(2000);
        });

        builder.Entity<AuthorizationGrant>(e =>
        {
            e.ToTable("grants");
            e.HasKey(g => g.Id);
            e.Property(g => g.ClientId).HasMaxLength(100);
            e.Property(g => g.Subject).HasMaxLength(200);
            e.HasIndex(g => new { g.Subject, g.ClientId });
        });

        builder.Entity<AuthorizationCode>(e =>
        {
            e.ToTable("authorization_codes");
            e.HasKey(c => c.CodeHash);
            e.Property(c => c.CodeHash).HasMaxLength(64);
            e.Property(c => c.ClientId).HasMaxLength(100);
            e.Property(c => c.Subject).HasMaxLength(200);
            e.Property(c => c.RedirectUri).HasMaxLength(2000);
            e.Property(c => c.CodeChallenge).HasMaxLength(128);
            e.Property(c => c.Scopes).HasMaxLength(1000);
            e.Property(c => c.Nonce).HasMaxLength(500);
            e.HasIndex(c => c.ExpiresAt);
        });

        builder.Entity<RefreshTokenRecord>(e =>
        {
            e.ToTable("refresh_tokens");
            e.HasKey(t => t.TokenHash);
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.Property(t => t.ClientId).HasMaxLength(100);
            e.Property(t => t.Subject).HasMaxLength(200);
            e.Property(t => t.Scopes).HasMaxLength(1000);
            e.HasIndex(t => t.GrantId);
            e.HasIndex(t => t.ExpiresAt);
        });

        builder.Entity<AccessTokenRecord>(e =>
        {
            e.ToTable("access_tokens");
            e.HasKey(t => t.Jti);
            e.Property(t => t.Jti).HasMaxLength(64);
            e.Property(t => t.ClientId).HasMaxLength(100);
            e.HasIndex(t => t.GrantId);
            e.HasIndex(t => t.ExpiresAt);
        });

        builder.Entity<UserConsent>(e =>
        {
            e.ToTable("user_consents");
            e.HasKey(c => new { c.UserId, c.ClientId });
            e.Property(c => c.UserId).HasMaxLength(450);
            e.Property(c => c.ClientId).HasMaxLength(100);
            e.Property(c => c.Scopes).HasMaxLength(1000);
        });

        builder.Entity<SigningKeyRecord>(e =>
        {
            e.ToTable("signing_keys");
            e.HasKey(k => k.KeyId);
            e.Property(k => k.KeyId).HasMaxLength(64);
            e.Property(k => k.Algorithm).HasMaxLength(20);
        });

        builder.Entity<DataProtectionKeyRecord>(e =>
        {
            e.ToTable("data_protection_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.FriendlyName).HasMaxLength(200);
        });

        UseSnakeCaseColumns(builder);
    }

    private static void UseSnakeCaseColumns(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    private static string ToSnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]))
            {
                if (i > 0 && !char.IsUpper(name[i - 1]))
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(name[i]));
            }
            else
            {
                text.Append(name[i]);
            }
        }

        return text.ToString();
    }
}
