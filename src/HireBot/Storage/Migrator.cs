using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HireBot.Storage;

/// <summary>
/// Applies the numbered SQL files in Storage/Migrations (embedded in the assembly) and the
/// Quartz job-store schema that ships inside the Quartz package, under a PostgreSQL advisory
/// lock so that instances starting together take turns instead of colliding.
/// </summary>
public static partial class Migrator
{
    private const long LockKey = 0x4869_7265_426f_74; // "HireBot"

    /// <param name="upTo">Tests only: stop after this version (and skip the Quartz schema), to put data in an older schema first.</param>
    public static async Task MigrateAsync(NpgsqlDataSource db, ILogger logger, CancellationToken ct, int? upTo = null)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await Exec(conn, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await Exec(conn, "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", ct);
            var applied = new HashSet<int>();
            await using (var cmd = new NpgsqlCommand("SELECT version FROM schema_migrations", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt32(0));

            foreach (var (version, name, sql) in Migrations().Where(m => !applied.Contains(m.Version) && m.Version <= (upTo ?? int.MaxValue)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(sql, conn, tx)) await cmd.ExecuteNonQueryAsync(ct);
                await using (var mark = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", conn, tx)
                    { Parameters = { new() { Value = version }, new() { Value = name } } })
                    await mark.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
                LogApplied(logger, version, name);
            }
            if (upTo is null) foreach (var statement in QuartzSchema()) await Exec(conn, statement, ct);
        }
        finally
        {
            await Exec(conn, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>The newest migration this build carries: the database is ready once it is applied.</summary>
    public static int LatestVersion { get; } = typeof(Migrator).Assembly.GetManifestResourceNames()
        .Where(n => n.Contains(".Migrations.") && n.EndsWith(".sql", StringComparison.Ordinal))
        .Max(n => int.Parse(n[(n.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..][..4], CultureInfo.InvariantCulture));

    private static IEnumerable<(int Version, string Name, string Sql)> Migrations()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Migrations.") && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (int.Parse(file[..4], CultureInfo.InvariantCulture), file, reader.ReadToEnd());
            })
            .OrderBy(m => m.Item1);
    }

    /// <summary>
    /// The create-if-missing script Quartz embeds for PostgreSQL: '{0}' is the table prefix and
    /// '{1}' the prefix for index names; statements are separated by lines reading '--;;'.
    /// Running it here, under our lock, keeps two starting instances from racing on it.
    /// </summary>
    private static IEnumerable<string> QuartzSchema()
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream("Quartz.Impl.AdoJobStore.Schema.create_postgres.sql")
            ?? throw new InvalidOperationException("The Quartz package no longer embeds its PostgreSQL schema script.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", "qrtz_").Replace("{1}", "qrtz_");
        return script.Split("\n--;;", StringSplitOptions.TrimEntries)
            .Where(s => s.Split('\n').Any(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
