using Npgsql;

namespace AuthServer.Data;

/// <summary>
/// Revocation state of access tokens, sent straight through Npgsql (auto-prepared) because introspection reads it
/// on every call. Tokens of user grants are recorded when issued (so a grant's tokens can be revoked together);
/// client_credentials tokens are self-contained JWTs and get a row only when revoked. A token is live unless its
/// row says revoked.
/// </summary>
public sealed class TokenLedger(NpgsqlDataSource dataSource)
{
    public async Task<bool> IsRevokedAsync(string jti, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT revoked_at IS NOT NULL FROM access_tokens WHERE jti = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jti });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Marks the token revoked (creating its row when it had none); true when it was not revoked before.</summary>
    public async Task<bool> RevokeAsync(string jti, string clientId, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO access_tokens (jti, grant_id, client_id, expires_at, revoked_at) VALUES ($1, NULL, $2, $3, $4)
            ON CONFLICT (jti) DO UPDATE SET revoked_at = $4 WHERE access_tokens.revoked_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jti });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clientId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = expiresAt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
