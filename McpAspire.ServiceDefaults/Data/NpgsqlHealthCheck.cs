using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace McpAspire.ServiceDefaults.Data;

/// <summary>Healthy when the database answers <c>SELECT 1</c> (no EF retries, so a stopped server shows at once).</summary>
internal sealed class NpgsqlHealthCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database does not answer.", exception);
        }
    }
}
