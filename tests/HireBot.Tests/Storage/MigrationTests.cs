using HireBot.Storage;
using HireBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HireBot.Tests.Storage;

public class MigrationTests
{
    [Fact]
    public async Task Migrations_create_the_schema_and_quartz_tables_and_are_idempotent()
    {
        await using var db = NpgsqlDataSource.Create(await TestDatabase.CreateAsync(nameof(MigrationTests)));

        // Two instances starting together: both run the migrator; the advisory lock serialises them.
        await Task.WhenAll(Migrator.MigrateAsync(db, NullLogger.Instance, default), Migrator.MigrateAsync(db, NullLogger.Instance, default));

        await using var cmd = db.CreateCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('outbox','scorecards','qrtz_triggers','qrtz_locks','schema_migrations')");
        Assert.Equal(5L, (long)(await cmd.ExecuteScalarAsync())!);
        await using var versions = db.CreateCommand("SELECT count(*) FROM schema_migrations");
        var count = (long)(await versions.ExecuteScalarAsync())!;
        Assert.True(count >= 1);
        await using var dup = db.CreateCommand("SELECT count(*) FROM (SELECT version FROM schema_migrations GROUP BY version HAVING count(*) > 1) d");
        Assert.Equal(0L, (long)(await dup.ExecuteScalarAsync())!);
    }
}
