using AuthServer.Tokens;
using Npgsql;
using NpgsqlTypes;

namespace AuthServer.Data;

/// <summary>
/// The two statements on the hot paths, sent straight through Npgsql (auto-prepared): recording an issued access
/// token (one insert per grant) and reading its revocation state (one select by key per introspection).
/// </summary>
public sealed class TokenLedger(NpgsqlDataSource dataSource)
{
    public async Task RecordAsync(IssuedAccessToken token, string clientId, Guid? grantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO access_tokens (jti, grant_id, client_id, expires_at) VALUES ($1, $2, $3, $4)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = token.Jti });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = grantId is { } id ? id : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clientId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = token.ExpiresAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True when the token is recorded and not revoked.</summary>
    public async Task<bool> IsLiveAsync(string jti, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT revoked_at IS NULL FROM access_tokens WHERE jti = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jti });
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is true;
    }
}
