using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HireBot.Storage;

/// <summary>
/// A private PostgreSQL cluster in a data folder, started on loopback on a free port and stopped
/// on dispose; the next start reuses the data. PostgreSQL refuses to run as root, so when this
/// process is root the server runs as Debian's unprivileged <c>postgres</c> user, which owns the
/// data folder. Access needs a password that is generated at first start and kept in the folder.
/// </summary>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "hirebot";
    private readonly string _bin;
    private readonly string _dataDir;
    private readonly ILogger _logger;
    private bool _ownsServer;

    public string ConnectionString { get; private set; } = "";

    private EmbeddedPostgres(string bin, string dataDir, ILogger logger)
    {
        _bin = bin;
        _dataDir = dataDir;
        _logger = logger;
    }

    public static async Task<EmbeddedPostgres> StartAsync(DatabaseOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var server = new EmbeddedPostgres(PostgresBinaries.Find(options.PostgresBinDirectory), Path.GetFullPath(options.DataDirectory), logger);
        await server.StartCoreAsync(options.Throwaway, cancellationToken);
        return server;
    }

    private string Cluster => Path.Combine(_dataDir, "pg");
    private string PasswordFile => Path.Combine(_dataDir, "password");
    /// <summary>The process id of the bot that started (or adopted) the running server.</summary>
    private string OwnerFile => Path.Combine(_dataDir, "owner.pid");

    private async Task StartCoreAsync(bool throwaway, CancellationToken ct)
    {
        Directory.CreateDirectory(_dataDir);
        if (!File.Exists(Path.Combine(Cluster, "PG_VERSION"))) await InitAsync(throwaway, ct);
        var password = (await File.ReadAllTextAsync(PasswordFile, ct)).Trim();

        var port = RunningPort();
        if (port is null)
        {
            port = FreePort();
            var log = Path.Combine(_dataDir, "server.log");
            await RunAsync("pg_ctl", ["-D", Cluster, "-l", log, "-o", $"-p {port}", "-w", "-t", "60", "start"], ct);
            TakeOwnership();
            LogStarted(_logger, port.Value);
        }
        else if (OwnerIsAlive())
        {
            LogReused(_logger, port.Value);
        }
        else
        {
            // Left behind by a bot that was killed: this one stops it at shutdown.
            TakeOwnership();
            LogAdopted(_logger, port.Value);
        }
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port.Value, Username = SuperUser, Password = password, Database = "postgres",
        }.ConnectionString;
    }

    private async Task InitAsync(bool throwaway, CancellationToken ct)
    {
        if (Directory.Exists(Cluster)) Directory.Delete(Cluster, recursive: true);
        await File.WriteAllTextAsync(PasswordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        GiveToServerUser(_dataDir);
        await RunAsync("initdb", ["-D", Cluster, "-U", SuperUser, "--pwfile", PasswordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"], ct);
        var settings = "\n# HireBot: loopback only, no Unix socket\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nmax_connections = 200\n" +
            (throwaway ? "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 600\n" : "");
        await File.AppendAllTextAsync(Path.Combine(Cluster, "postgresql.conf"), settings, ct);
    }

    /// <summary>The port of a server already running on this data folder (another bot instance, or one left behind).</summary>
    private int? RunningPort()
    {
        var pidFile = Path.Combine(Cluster, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port)) return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : port;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private void TakeOwnership()
    {
        _ownsServer = true;
        File.WriteAllText(OwnerFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Whether another live process started this server (a second bot on the same folder shares it).</summary>
    private bool OwnerIsAlive()
    {
        if (!File.Exists(OwnerFile) || !int.TryParse(File.ReadAllText(OwnerFile).Trim(), out var pid) || pid == Environment.ProcessId) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void GiveToServerUser(string path)
    {
        if (!IsRoot) return;
        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", "postgres:postgres", path]) { RedirectStandardError = true })!;
        chown.WaitForExit();
        if (chown.ExitCode != 0)
            throw new InvalidOperationException($"Could not give {path} to the postgres user: {chown.StandardError.ReadToEnd()}");
    }

    private async Task RunAsync(string program, string[] args, CancellationToken ct)
    {
        var exe = Path.Combine(_bin, program);
        var start = IsRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", exe, .. args]) : new ProcessStartInfo(exe, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = IsRoot ? "/tmp" : _dataDir;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{program} failed (exit {process.ExitCode}) for data folder {_dataDir}: {(await stderr).Trim()} {(await stdout).Trim()}" +
                (IsRoot ? " (running as root: the postgres user must be able to reach this folder)" : ""));
    }

    /// <summary>
    /// Restarts the server this instance started, on the same port (pg_ctl keeps the options in
    /// postmaster.opts). Open connections are dropped; fault tests use it to check that the bot
    /// answers clearly while the database is away and recovers after.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (!_ownsServer) throw new InvalidOperationException("Only the instance that started the server may restart it.");
        await RunAsync("pg_ctl", ["-D", Cluster, "-l", Path.Combine(_dataDir, "server.log"), "-m", "fast", "-w", "-t", "60", "restart"], cancellationToken);
    }

    /// <summary>Stops the server this instance started and keeps it ours (fault tests: the database goes away).</summary>
    public async Task StopServerAsync(CancellationToken cancellationToken)
    {
        if (!_ownsServer) throw new InvalidOperationException("Only the instance that started the server may stop it.");
        await RunAsync("pg_ctl", ["-D", Cluster, "-m", "immediate", "-w", "stop"], cancellationToken);
    }

    /// <summary>Starts again, on the same port, a server stopped with <see cref="StopServerAsync"/>.</summary>
    public async Task StartServerAsync(CancellationToken cancellationToken)
    {
        if (!_ownsServer) throw new InvalidOperationException("Only the instance that started the server may start it again.");
        var port = new NpgsqlConnectionStringBuilder(ConnectionString).Port;
        await RunAsync("pg_ctl", ["-D", Cluster, "-l", Path.Combine(_dataDir, "server.log"), "-o", $"-p {port}", "-w", "-t", "60", "start"], cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ownsServer) return;
        _ownsServer = false;
        // Already gone (killed, or stopped by someone else): nothing to stop, and no reason to fail the bot's exit.
        if (!File.Exists(Path.Combine(Cluster, "postmaster.pid")))
        {
            File.Delete(OwnerFile);
            LogAlreadyStopped(_logger);
            return;
        }
        await RunAsync("pg_ctl", ["-D", Cluster, "-m", "fast", "-w", "stop"], CancellationToken.None);
        File.Delete(OwnerFile);
        LogStopped(_logger);
    }

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Embedded PostgreSQL was already stopped when the bot exited")]
    private static partial void LogAlreadyStopped(ILogger logger);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Embedded PostgreSQL started on 127.0.0.1:{Port}")]
    private static partial void LogStarted(ILogger logger, int port);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Embedded PostgreSQL already running on 127.0.0.1:{Port}; reusing it")]
    private static partial void LogReused(ILogger logger, int port);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Embedded PostgreSQL left running on 127.0.0.1:{Port} by a bot that is gone; adopted, and stopped when this one stops")]
    private static partial void LogAdopted(ILogger logger, int port);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Embedded PostgreSQL stopped")]
    private static partial void LogStopped(ILogger logger);
}
