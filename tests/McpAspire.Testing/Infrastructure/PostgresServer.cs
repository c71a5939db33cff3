using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace McpAspire.Testing.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server: a fresh data directory under the temp folder, a free loopback port, trust auth.
/// Runs as the <c>postgres</c> OS user when the tests run as root (PostgreSQL refuses to run as root).
/// Stopped (fast shutdown) and its directory removed at dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string OsUser = "postgres";

    private readonly string _directory;
    private readonly ChildProcess _server;

    private PostgresServer(string directory, ChildProcess server, int port)
    {
        _directory = directory;
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5";

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "mcpaspire-tests-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var dataDirectory = Path.Combine(directory, "data");
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", [$"{OsUser}:{OsUser}", directory], cancellationToken);
            await RunAsync("setpriv", [$"--reuid={OsUser}", $"--regid={OsUser}", "--init-groups", "--", Binary("initdb"), "-D", dataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"], cancellationToken);
        }
        else
        {
            await RunAsync(Binary("initdb"), ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"], cancellationToken);
        }

        var port = FreePorts.Next();
        var server = new PostgresServer(directory, ChildProcess.Start(
            Binary("postgres"),
            ["-D", dataDirectory, "-p", port.ToString(CultureInfo.InvariantCulture), "-h", "127.0.0.1", "-k", directory,
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"],
            OsUser), port);
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            await _server.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _server.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_server.Process.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with code {_server.Process.ExitCode}.");
            }

            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>A PostgreSQL program from the PATH, else from the newest Debian install (/usr/lib/postgresql/N/bin).</summary>
    private static string Binary(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin", name))
                .Where(File.Exists)
                .OrderByDescending(path => path, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return debian ?? name;
    }

    private static async Task RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
