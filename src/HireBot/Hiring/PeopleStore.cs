using HireBot.Organisations;

namespace HireBot.Hiring;

/// <summary>
/// SQL for people and their chat identities, in the organisation in scope. A chat identity is
/// (platform, tenant or workspace, platform user id); its email names the person, and joins the
/// identities of different tenants and workspaces only where <see cref="MayUseEmailAsync"/> says so.
/// </summary>
public sealed class PeopleStore(OrgDb db, OrganisationDirectory organisations)
{
    /// <summary>Where a Teams identity's email was asserted: its tenant's directory.</summary>
    public static string TeamsSource(string? tenantId) => $"teams:{tenantId}";

    /// <summary>Where a Slack identity's email was asserted: its workspace (the team in <c>T…:U…</c>).</summary>
    public static string SlackSource(string externalId) => $"slack:{externalId.Split(':', 2)[0]}";

    private static string SourceOf(string channel, string externalId, string? tenantId) => channel switch
    {
        "teams" => TeamsSource(tenantId),
        "slack" => SlackSource(externalId),
        _ => channel,
    };

    /// <summary>
    /// Whether an identity from <paramref name="source"/> (a tenant or workspace) may be the person
    /// <paramref name="email"/> in this organisation. A directory's email is only its admin's word:
    /// across tenants and workspaces it joins accounts only in the organisation's configured email
    /// domains; otherwise the address stays with the tenant or workspace that first used it here.
    /// </summary>
    public async Task<bool> MayUseEmailAsync(string email, string source, CancellationToken ct)
    {
        if (organisations.Settings(db.Org).OwnsDomainOf(email)) return true;
        await using var cmd = db.CreateCommand(
            "SELECT NOT EXISTS (SELECT 1 FROM chat_identities WHERE email = $1 AND source <> $2 AND channel <> 'local')");
        cmd.Parameters.Add(new() { Value = email });
        cmd.Parameters.Add(new() { Value = source });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Makes sure a person row exists; an existing name or time zone is kept unless a better one is given.</summary>
    public async Task EnsureAsync(string email, string? displayName, string? timeZone, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            INSERT INTO people (email, display_name, time_zone) VALUES ($1, coalesce($2, split_part($1, '@', 1)), coalesce($3, 'UTC'))
            ON CONFLICT (org_id, email) DO UPDATE SET
                display_name = coalesce($2, people.display_name),
                time_zone = coalesce($3, people.time_zone)
            """);
        cmd.Parameters.Add(new() { Value = email });
        cmd.Parameters.Add(new() { Value = (object?)displayName ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)timeZone ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Whether this deployment knows the person (see <c>Relation.Member</c>).</summary>
    public async Task<bool> IsKnownAsync(string email, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM people WHERE lower(email) = lower($1))");
        cmd.Parameters.Add(new() { Value = email });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Records (or refreshes) how to reach a person on a platform.</summary>
    public async Task LinkAsync(string channel, string externalId, string email, string? conversationId, string? serviceUrl,
        string? tenantId, string? aadObjectId, CancellationToken ct)
    {
        await EnsureAsync(email, null, null, ct);
        await using var cmd = db.CreateCommand(
            """
            INSERT INTO chat_identities (channel, external_id, email, conversation_id, service_url, tenant_id, aad_object_id, source, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
            ON CONFLICT (org_id, channel, external_id) DO UPDATE SET
                email = $3,
                conversation_id = coalesce($4, chat_identities.conversation_id),
                service_url = coalesce($5, chat_identities.service_url),
                tenant_id = coalesce($6, chat_identities.tenant_id),
                aad_object_id = coalesce($7, chat_identities.aad_object_id),
                updated_at = now()
            """);
        foreach (var v in new object?[] { channel, externalId, email, conversationId, serviceUrl, tenantId, aadObjectId, SourceOf(channel, externalId, tenantId) })
            cmd.Parameters.Add(new() { Value = v ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<string?> EmailForAsync(string channel, string externalId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT email FROM chat_identities WHERE channel = $1 AND external_id = $2");
        cmd.Parameters.Add(new() { Value = channel });
        cmd.Parameters.Add(new() { Value = externalId });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }
}
