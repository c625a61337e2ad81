using HireBot.Storage;
using Npgsql;

namespace HireBot.Teams;

/// <summary>
/// Conversation references and people as Teams knows them, stored from verified activities only
/// (so every stored serviceUrl is one the connector itself used), and refreshed on every one.
/// </summary>
public sealed class TeamsDirectory(HireBot.Organisations.OrgDb db, TimeProvider clock)
{
    /// <summary>
    /// What this instance last wrote per user and conversation: an unchanged reference is not
    /// rewritten for a few minutes, which keeps two upserts off every message's hot path while a
    /// moved serviceUrl (or any other change) is still stored at once.
    /// </summary>
    private readonly Remembered<string> _remembered = new(clock, RememberFor);
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    public async Task RememberAsync(TeamsConversationReference r, string? email, CancellationToken ct)
    {
        var key = $"{db.Org}|{r.UserId}|{r.ConversationId}";
        var fingerprint = $"{r.ServiceUrl}|{r.TenantId}|{r.UserAadObjectId}|{r.TeamId}|{r.BotId}|{r.ConversationType}|{email}";
        if (_remembered.TryGet(key, out var last) && last == fingerprint) return;
        var batch = new List<NpgsqlBatchCommand>();
        var conversation = new NpgsqlBatchCommand(
            """
            INSERT INTO conversations (channel, conversation_id, kind, service_url, tenant_id, team_id, bot_id, updated_at)
            VALUES ('teams', $1, $2, $3, $4, $5, $6, now())
            ON CONFLICT (org_id, channel, conversation_id) DO UPDATE SET kind = $2, service_url = $3,
                tenant_id = coalesce($4, conversations.tenant_id), team_id = coalesce($5, conversations.team_id),
                bot_id = coalesce($6, conversations.bot_id), updated_at = now()
            """);
        foreach (var v in new object?[] { r.BaseConversationId, r.ConversationType ?? "personal", r.ServiceUrl, r.TenantId, r.TeamId, r.BotId })
            conversation.Parameters.Add(new() { Value = v ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        batch.Add(conversation);
        if (email is not null && r.UserId is not null)
        {
            var person = new NpgsqlBatchCommand(
                """
                INSERT INTO chat_identities (channel, external_id, email, tenant_id, aad_object_id, conversation_id, service_url, source, updated_at)
                VALUES ('teams', $1, $2, $3, $4, $5, $6, 'teams:' || coalesce($3, ''), now())
                ON CONFLICT (org_id, channel, external_id) DO UPDATE SET email = $2, tenant_id = coalesce($3, chat_identities.tenant_id),
                    aad_object_id = coalesce($4, chat_identities.aad_object_id),
                    conversation_id = coalesce($5, chat_identities.conversation_id), service_url = $6, updated_at = now()
                """);
            foreach (var v in new object?[] { r.UserId, email, r.TenantId, r.UserAadObjectId, r.IsPersonal ? r.ConversationId : null, r.ServiceUrl })
                person.Parameters.Add(new() { Value = v ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            batch.Add(person);
        }
        await db.ExecuteBatchAsync(batch, ct);
        _remembered.Set(key, fingerprint);
        _conversations.Forget($"{db.Org}|{r.BaseConversationId}"); // read back once: the stored tenant may be one kept from before
    }

    private readonly Remembered<string> _emails = new(clock, RememberFor);

    /// <summary>The email stored for this user of this tenant, in the organisation in scope.</summary>
    public async Task<string?> EmailOfAsync(string userId, string? tenantId, CancellationToken ct)
    {
        var key = $"{db.Org}|{tenantId}|{userId}";
        if (_emails.TryGet(key, out var cached)) return cached;
        await using var cmd = db.CreateCommand("SELECT email FROM chat_identities WHERE channel = 'teams' AND external_id = $1 AND source = $2");
        cmd.Parameters.Add(new() { Value = userId });
        cmd.Parameters.Add(new() { Value = Hiring.PeopleStore.TeamsSource(tenantId) });
        var email = await cmd.ExecuteScalarAsync(ct) as string;
        if (email is not null) _emails.Set(key, email);
        return email;
    }

    /// <summary>Where to reach a person: their Teams id, the tenant, the serviceUrl and the 1:1 chat if one exists.</summary>
    public async Task<(string UserId, string? TenantId, string ServiceUrl, string? ConversationId)?> PersonAsync(string email, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "SELECT external_id, tenant_id, service_url, conversation_id FROM chat_identities WHERE channel = 'teams' AND email = $1 AND service_url IS NOT NULL ORDER BY updated_at DESC LIMIT 1");
        cmd.Parameters.Add(new() { Value = email });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private readonly Remembered<(string ServiceUrl, string? TenantId)> _conversations = new(clock, RememberFor);

    /// <summary>
    /// Where a stored conversation lives, remembered for a few minutes: every reply to it needs
    /// this. A serviceUrl moved by an activity this instance handled is seen at once; one stored by
    /// another instance within the next few minutes.
    /// </summary>
    public async Task<(string ServiceUrl, string? TenantId)?> ConversationAsync(string conversationId, CancellationToken ct)
    {
        var key = $"{db.Org}|{conversationId}";
        if (_conversations.TryGet(key, out var cached)) return cached;
        await using var cmd = db.CreateCommand("SELECT service_url, tenant_id FROM conversations WHERE channel = 'teams' AND conversation_id = $1");
        cmd.Parameters.Add(new() { Value = conversationId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(0)) return null;
        var found = (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        _conversations.Set(key, found);
        return found;
    }

    public async Task SavePersonalConversationAsync(string userId, string conversationId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE chat_identities SET conversation_id = $2 WHERE channel = 'teams' AND external_id = $1");
        cmd.Parameters.Add(new() { Value = userId });
        cmd.Parameters.Add(new() { Value = conversationId });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Stores roster members as people the bot can reach: their Teams id, tenant, Entra id and the
    /// serviceUrl of the scope they were read from (a verified one). An existing 1:1 chat is kept.
    /// The people rows must exist (<c>PeopleStore.EnsureAsync</c>) before this is called.
    /// </summary>
    public async Task SaveMembersAsync(string serviceUrl, string? tenantId, IEnumerable<(TeamsMember Member, string Email)> members, CancellationToken ct)
    {
        var batch = new List<NpgsqlBatchCommand>();
        foreach (var (m, email) in members)
        {
            var person = new NpgsqlBatchCommand(
                """
                INSERT INTO chat_identities (channel, external_id, email, tenant_id, aad_object_id, service_url, source, updated_at)
                VALUES ('teams', $1, $2, $3, $4, $5, 'teams:' || coalesce($3, ''), now())
                ON CONFLICT (org_id, channel, external_id) DO UPDATE SET email = $2, tenant_id = coalesce($3, chat_identities.tenant_id),
                    aad_object_id = coalesce($4, chat_identities.aad_object_id), service_url = $5, updated_at = now()
                """);
            foreach (var v in new object?[] { m.Id, email, m.TenantId ?? tenantId, m.AadObjectId, serviceUrl })
                person.Parameters.Add(new() { Value = v ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            batch.Add(person);
        }
        await db.ExecuteBatchAsync(batch, ct);
    }

    /// <summary>A team or group chat the bot is installed in, and whose roster names who it can reach.</summary>
    public sealed record Scope(string RosterId, string ServiceUrl, string? TenantId);

    /// <summary>Every team (by team id) and group chat the bot has been installed in or heard from.</summary>
    public async Task<IReadOnlyList<Scope>> InstalledScopesAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT DISTINCT ON (coalesce(team_id, conversation_id)) coalesce(team_id, conversation_id), service_url, tenant_id
            FROM conversations WHERE channel = 'teams' AND kind IN ('channel', 'groupChat') AND service_url IS NOT NULL
            ORDER BY coalesce(team_id, conversation_id), updated_at DESC
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var scopes = new List<Scope>();
        while (await reader.ReadAsync(ct))
            scopes.Add(new(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return scopes;
    }

    /// <summary>Drops a stored 1:1 chat that Teams refused, so the next attempt opens it again.</summary>
    public async Task ForgetPersonalConversationAsync(string userId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE chat_identities SET conversation_id = NULL WHERE channel = 'teams' AND external_id = $1");
        cmd.Parameters.Add(new() { Value = userId });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
