using HireBot.Storage;
using HireBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HireBot.Tests.Storage;

public class MigrationTests
{
    /// <summary>
    /// Instances starting together on an empty database: each migrator has its own pool, as separate
    /// processes would, and they start at once. Without the advisory lock two of them run the same
    /// CREATE TABLE and one fails, or both record the same version.
    /// </summary>
    [Fact]
    public async Task Migrators_racing_on_a_fresh_database_apply_every_migration_once()
    {
        var cs = await TestDatabase.CreateEmptyAsync(nameof(MigrationTests));
        var sources = Enumerable.Range(0, 4).Select(i => NpgsqlDataSource.Create(cs + $";Application Name=migrator{i}")).ToList();
        try
        {
            using var start = new Barrier(sources.Count);
            await Task.WhenAll(sources.Select(db => Task.Run(async () =>
            {
                start.SignalAndWait();
                await Migrator.MigrateAsync(db, NullLogger.Instance, default);
            })));

            var db = sources[0];
            await using var tables = db.CreateCommand(
                "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('outbox','scorecards','inbox','organisations','qrtz_triggers','qrtz_locks','schema_migrations')");
            Assert.Equal(7L, (long)(await tables.ExecuteScalarAsync())!);
            await using var versions = db.CreateCommand("SELECT count(*), count(DISTINCT version), max(version) FROM schema_migrations");
            await using var reader = await versions.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            var files = typeof(Migrator).Assembly.GetManifestResourceNames().Count(n => n.Contains(".Migrations.") && n.EndsWith(".sql", StringComparison.Ordinal));
            Assert.Equal(files, reader.GetInt64(0)); // every file applied, none twice
            Assert.Equal(files, reader.GetInt64(1));
            Assert.Equal(Migrator.LatestVersion, reader.GetInt32(2));
        }
        finally
        {
            foreach (var db in sources) await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Running_the_migrator_again_changes_nothing()
    {
        await using var db = NpgsqlDataSource.Create(await TestDatabase.CreateAsync(nameof(MigrationTests)));
        await using var before = db.CreateCommand("SELECT string_agg(version::text || name, ',' ORDER BY version) FROM schema_migrations");
        var applied = (string)(await before.ExecuteScalarAsync())!;

        await Migrator.MigrateAsync(db, NullLogger.Instance, default);

        Assert.Equal(applied, (string)(await before.ExecuteScalarAsync())!);
    }
}
