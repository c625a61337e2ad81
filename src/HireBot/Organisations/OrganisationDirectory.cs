using System.Collections.Concurrent;
using Npgsql;

namespace HireBot.Organisations;

/// <summary>
/// Which organisation a Teams tenant or Slack workspace belongs to. A tenant or workspace named in
/// the settings belongs to that organisation; any other admitted one becomes its own organisation
/// the first time it talks to the bot. The local channel is the default organisation. Answers are
/// remembered for the process's life: a source never changes organisation while the bot runs
/// (settings are applied at start-up, <see cref="ApplySettingsAsync"/>).
/// </summary>
public sealed partial class OrganisationDirectory(NpgsqlDataSource db, IConfiguration configuration, ILogger<OrganisationDirectory> logger)
{
    public const string TeamsTenant = "teams-tenant";
    public const string SlackTeam = "slack-team";

    private readonly ConcurrentDictionary<(string Kind, string Id), Guid> _orgs = new();
    private readonly IReadOnlyList<OrgSettings> _settings = OrgSettings.Read(configuration);
    private readonly ConcurrentDictionary<Guid, OrgSettings> _byId = new();

    /// <summary>The organisation of a Teams tenant (created on first contact).</summary>
    public Task<Guid> ForTeamsTenantAsync(string tenantId, CancellationToken ct) => ForAsync(TeamsTenant, tenantId, ct);

    /// <summary>The organisation of a Slack workspace: on Enterprise Grid, the enterprise's (created on first contact).</summary>
    public Task<Guid> ForSlackAsync(string teamId, string? enterpriseId, CancellationToken ct) =>
        ForAsync(SlackTeam, enterpriseId is { Length: > 0 } && !IsConfigured(SlackTeam, teamId) ? enterpriseId : teamId, ct);

    /// <summary>The settings of an organisation: its email domains and admins (none for one created on first contact).</summary>
    public OrgSettings Settings(Guid org) => _byId.GetValueOrDefault(org, OrgSettings.None);

    private bool IsConfigured(string kind, string id) =>
        _settings.Any(s => (kind == TeamsTenant ? s.TeamsTenantIds : s.SlackTeamIds).Contains(id, StringComparer.Ordinal));

    private async Task<Guid> ForAsync(string kind, string id, CancellationToken ct)
    {
        if (_orgs.TryGetValue((kind, id), out var known)) return known;
        // First contact: a new organisation keyed by the source, unless another instance (or an
        // earlier start) made it already; both statements are idempotent, so racing instances agree.
        await using var cmd = db.CreateCommand(
            """
            WITH made AS (
                INSERT INTO organisations (id, key) SELECT $3, $1 || ':' || $2
                WHERE NOT EXISTS (SELECT 1 FROM organisation_sources WHERE kind = $1 AND external_id = $2)
                ON CONFLICT (key) DO NOTHING RETURNING id)
            INSERT INTO organisation_sources (kind, external_id, org_id)
            SELECT $1, $2, coalesce((SELECT id FROM made), (SELECT id FROM organisations WHERE key = $1 || ':' || $2))
            ON CONFLICT (kind, external_id) DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = Guid.CreateVersion7() });
        // Two first contacts at once: the one that waited on the other's new organisation sees it
        // only from a statement started after that commit, so it tries once more (not-null org_id).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await cmd.ExecuteNonQueryAsync(ct) == 1) LogCreated(logger, kind);
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.NotNullViolation && attempt < 3)
            {
            }
        }
        await using var read = db.CreateCommand("SELECT org_id FROM organisation_sources WHERE kind = $1 AND external_id = $2");
        read.Parameters.Add(new() { Value = kind });
        read.Parameters.Add(new() { Value = id });
        var org = (Guid)(await read.ExecuteScalarAsync(ct))!;
        _orgs[(kind, id)] = org;
        return org;
    }

    /// <summary>
    /// Creates the organisations the settings name and puts their tenants and workspaces in them
    /// (moving a source that was already elsewhere: its earlier rows stay where they were made).
    /// Run once at start-up, after the migrations.
    /// </summary>
    public async Task ApplySettingsAsync(CancellationToken ct)
    {
        _byId[OrgScope.Default] = _settings.FirstOrDefault(s => s.Key == "default") ?? OrgSettings.None;
        foreach (var s in _settings)
        {
            await using var cmd = db.CreateCommand(
                "INSERT INTO organisations (id, key) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id");
            cmd.Parameters.Add(new() { Value = Guid.CreateVersion7() });
            cmd.Parameters.Add(new() { Value = s.Key });
            var org = (Guid)(await cmd.ExecuteScalarAsync(ct))!;
            _byId[org] = s;
            foreach (var (kind, id) in s.TeamsTenantIds.Select(t => (TeamsTenant, t)).Concat(s.SlackTeamIds.Select(t => (SlackTeam, t))))
            {
                await using var map = db.CreateCommand(
                    "INSERT INTO organisation_sources (kind, external_id, org_id) VALUES ($1, $2, $3) ON CONFLICT (kind, external_id) DO UPDATE SET org_id = excluded.org_id");
                map.Parameters.Add(new() { Value = kind });
                map.Parameters.Add(new() { Value = id });
                map.Parameters.Add(new() { Value = org });
                await map.ExecuteNonQueryAsync(ct);
                _orgs[(kind, id)] = org;
            }
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "A new organisation was created on first contact from a {Kind}")]
    private static partial void LogCreated(ILogger logger, string kind);
}
