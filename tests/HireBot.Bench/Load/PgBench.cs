using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace HireBot.Bench.Load;

/// <summary>
/// PostgreSQL's own single-row insert rate on the same cluster, measured with pgbench: a custom
/// script holding one INSERT into a one-table schema, <c>-c 8 -j 2 -T 15</c> by default.
/// https://www.postgresql.org/docs/current/pgbench.html
/// </summary>
public static partial class PgBench
{
    public const string Script = "INSERT INTO bench_rows (payload) VALUES ('interview-loop');\n";

    public static async Task<double> InsertTpsAsync(string adminConnectionString, int clients, int threads, int seconds, CancellationToken ct)
    {
        var exe = Find() ?? throw new InvalidOperationException("pgbench not found (Debian: apt-get install postgresql-client).");
        var cs = new NpgsqlConnectionStringBuilder(adminConnectionString);
        await using (var admin = NpgsqlDataSource.Create(adminConnectionString))
        {
            await using var exists = admin.CreateCommand("SELECT 1 FROM pg_database WHERE datname = 'pgbench_load'");
            if (await exists.ExecuteScalarAsync(ct) is null)
                await Exec(admin, "CREATE DATABASE pgbench_load", ct);
        }
        cs.Database = "pgbench_load";
        await using (var db = NpgsqlDataSource.Create(cs.ConnectionString))
            await Exec(db, "DROP TABLE IF EXISTS bench_rows; CREATE TABLE bench_rows (id bigserial PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())", ct);

        var script = Path.Combine(Path.GetTempPath(), $"hirebot-pgbench-{Environment.ProcessId}.sql");
        await File.WriteAllTextAsync(script, Script, ct);
        try
        {
            var start = new ProcessStartInfo(exe,
                ["-n", "-f", script, "-c", $"{clients}", "-j", $"{threads}", "-T", $"{seconds}", "-h", cs.Host!, "-p", $"{cs.Port}", "-U", cs.Username!, "pgbench_load"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            };
            start.Environment["PGPASSWORD"] = cs.Password;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var output = await stdout;
            if (process.ExitCode != 0 || Tps().Match(output) is not { Success: true } m)
                throw new InvalidOperationException($"pgbench failed (exit {process.ExitCode}): {(await stderr).Trim()} {output.Trim()}");
            return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Order().Reverse().Select(d => Path.Combine(d, "bin")) : [])
            .Select(d => Path.Combine(d, "pgbench")).FirstOrDefault(File.Exists);

    private static async Task Exec(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
