using System.Globalization;
using Npgsql;

namespace McpAspire.Hosting.Orchestration;

/// <summary>
/// PostgreSQL: <c>initdb</c> once (password authentication, UTF8), then <c>postgres</c> on the loopback port chosen at
/// build, no Unix socket. As root both run as the <c>postgres</c> OS user. Healthy when <c>SELECT 1</c> answers.
/// </summary>
internal sealed class PostgresServerRunner(PostgresServerResource resource, OrchestratorContext context) : ResourceRunner(resource, context)
{
    private const string InstallFix =
        "install the PostgreSQL server (Debian/Ubuntu: sudo apt-get install postgresql), or use an existing server: " +
        "set ConnectionStrings:postgres in the AppHost's configuration (e.g. the environment variable ConnectionStrings__postgres)";

    public override string ResourceType => "PostgreSQL";

    public override string? Url => resource.IsExternal
        ? "existing server"
        : string.Create(CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{resource.Port}");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (resource.IsExternal)
        {
            return;
        }

        var initdb = Executables.FindPostgres("initdb");
        var postgres = Executables.FindPostgres("postgres");
        if (initdb is null || postgres is null)
        {
            throw new DistributedApplicationException(Name, "the PostgreSQL server programs (initdb, postgres) are neither on the PATH nor under /usr/lib/postgresql/*/bin", InstallFix);
        }

        var user = Executables.IsRoot ? PostgresServerResource.UserName : null;
        if (user is not null && !await CommandRunner.UserExistsAsync(user, cancellationToken))
        {
            throw new DistributedApplicationException(Name, $"PostgreSQL refuses to run as root and there is no '{user}' OS user to run it as", InstallFix + " (the package creates the user)");
        }

        var root = Context.State.PostgresDirectory(Name);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        if (user is not null)
        {
            await CommandRunner.RunAsync(Name, "chown", [$"{user}:{user}", root], null, cancellationToken);
        }

        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            await InitializeAsync(initdb, root, data, user, cancellationToken);
        }

        string[] arguments =
        [
            "-D", data, "-p", resource.Port!.Value.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200",
            "-c", "synchronous_commit=off",
        ];
        if (Context.Options.IsTesting)
        {
            arguments = [.. arguments, "-c", "fsync=off", "-c", "full_page_writes=off"];
        }

        Process = ManagedProcess.Start(new ProcessLaunch(Name, postgres, arguments, root, RunAsUser: user), Context.LogSink(Name));
    }

    public override async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(resource.ConnectionString(null)) { Pooling = false, Timeout = 3 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            LastHealthProblem = null;
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            throw new DistributedApplicationException(
                Name,
                "the server rejects the password of the parameter 'postgres-password'",
                resource.IsExternal
                    ? "check the credentials in ConnectionStrings:postgres"
                    : $"the data directory {Context.State.PostgresDirectory(Name)} was initialized with another password: set Parameters:postgres-password to that one, or delete the directory (its data is lost)");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LastHealthProblem = "SELECT 1 failed: " + ex.Message;
            return false;
        }
    }

    public override Task StopAsync(TimeSpan timeout)
    {
        NpgsqlConnection.ClearAllPools();
        return Process?.StopAsync("INT", timeout) ?? Task.CompletedTask;
    }

    public override string ExitFix(IReadOnlyList<ResourceLogLine> lastLines)
    {
        if (lastLines.Any(line => line.Text.Contains("postmaster.pid", StringComparison.Ordinal)))
        {
            return $"another PostgreSQL server uses the data directory {Context.State.PostgresDirectory(Name)} (is another AppHost running?): stop it first";
        }

        return base.ExitFix(lastLines);
    }

    private async Task InitializeAsync(string initdb, string root, string data, string? user, CancellationToken cancellationToken)
    {
        if (Directory.Exists(data))
        {
            // An earlier initdb did not finish (no PG_VERSION): start over.
            Directory.Delete(data, recursive: true);
        }

        var passwordFile = Path.Combine(root, ".initdb-password");
        await File.WriteAllTextAsync(passwordFile, resource.Password.Value + "\n", cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            if (user is not null)
            {
                await CommandRunner.RunAsync(Name, "chown", [$"{user}:{user}", passwordFile], null, cancellationToken);
            }

            string[] arguments =
            [
                "-D", data, "-U", PostgresServerResource.UserName, "--pwfile=" + passwordFile, "-A", "scram-sha-256",
                "-E", "UTF8", "--locale=C", "--no-instructions",

                // Skips flushing the new files to disk (seconds on a first run); the server itself runs with fsync
                // on for development (off only for tests).
                "--no-sync",
            ];

            await CommandRunner.RunAsync(Name, initdb, arguments, user, cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }
}
