using HireBot.Organisations;
using HireBot.Storage;
using HireBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HireBot.Tests.Storage;

/// <summary>Migration 0010 moves every existing row into the default organisation, with every tenant and workspace the bot had met.</summary>
public class OrganisationMigrationTests
{
    [Fact]
    public async Task Existing_data_moves_into_the_default_organisation_and_stays_readable_there_only()
    {
        var cs = await TestDatabase.CreateEmptyAsync(nameof(OrganisationMigrationTests));
        await using var db = NpgsqlDataSource.Create(cs);
        await Migrator.MigrateAsync(db, NullLogger.Instance, default, upTo: 9);
        await using (var seed = db.CreateCommand(
            """
            INSERT INTO people (email, display_name) VALUES ('rita@example.com', 'Rita');
            INSERT INTO chat_identities (channel, external_id, email, tenant_id) VALUES ('teams', '29:rita', 'rita@example.com', 'tenant-old');
            INSERT INTO chat_identities (channel, external_id, email) VALUES ('slack', 'T0OLD:U0RITA', 'rita@example.com');
            INSERT INTO roles (id, slug, template, recruiters) VALUES ('11111111-1111-1111-1111-111111111111', 'be-sr', '{}', '{rita@example.com}');
            INSERT INTO outbox (idempotency_key, recipient, kind, payload) VALUES ('k1', 'person:rita@example.com', 'message', '{}');
            """))
            await seed.ExecuteNonQueryAsync();

        await Migrator.MigrateAsync(db, NullLogger.Instance, default);

        await using (var check = db.CreateCommand(
            """
            SELECT (SELECT count(*) FROM roles WHERE org_id = $1) + (SELECT count(*) FROM people WHERE org_id = $1)
                 + (SELECT count(*) FROM chat_identities WHERE org_id = $1) + (SELECT count(*) FROM outbox WHERE org_id = $1),
                   (SELECT string_agg(kind || '=' || external_id, ',' ORDER BY kind) FROM organisation_sources WHERE org_id = $1),
                   (SELECT string_agg(source, ',' ORDER BY source) FROM chat_identities)
            """))
        {
            check.Parameters.Add(new() { Value = OrgScope.Default });
            await using var reader = await check.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(5L, reader.GetInt64(0));
            Assert.Equal("slack-team=T0OLD,teams-tenant=tenant-old", reader.GetString(1));
            Assert.Equal("slack:T0OLD,teams:tenant-old", reader.GetString(2));
        }

        // Through the org-bound access the default organisation sees its role; another sees nothing.
        await using var pool = OrgDb.BuildPool(cs);
        var orgDb = new OrgDb(pool);
        await using (var other = db.CreateCommand("INSERT INTO organisations (id, key) VALUES ($1, 'other')"))
        {
            other.Parameters.Add(new() { Value = Guid.Parse("22222222-2222-2222-2222-222222222222") });
            await other.ExecuteNonQueryAsync();
        }
        foreach (var (org, expected) in new[] { (OrgScope.Default, 1L), (Guid.Parse("22222222-2222-2222-2222-222222222222"), 0L) })
            using (OrgScope.Enter(org))
            {
                await using var roles = orgDb.CreateCommand("SELECT count(*) FROM roles WHERE slug = 'be-sr'");
                Assert.Equal(expected, (long)(await roles.ExecuteScalarAsync())!);
            }
    }
}
