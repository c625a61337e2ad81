using HireBot.Organisations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HireBot.Ats;

/// <summary>An organisation's connection as stored: the decrypted connection plus its state.</summary>
public sealed record AtsConnectionRow(AtsConnection Connection, string WebhookToken, string ConnectedBy, DateTimeOffset? VerifiedAt,
    DateTimeOffset? LastSyncAt, string? LastError, DateTimeOffset? Watermark, bool FromSettings);

/// <summary>
/// SQL for <c>ats_connections</c>. The API key and webhook secret are sealed (AES-GCM,
/// <see cref="Storage.Sealed"/>) under <c>Ats__EncryptionKey</c> with the organisation id as associated
/// data, so a row copied to another organisation does not open. A connection from settings
/// (<see cref="AtsOptions.Connections"/>) gets a row too (secrets sealed the same way when a key is
/// set, else kept only in memory), which holds its sync state.
/// </summary>
public sealed class AtsConnectionStore(NpgsqlDataSource db, OrgDb orgDb, IOptions<AtsOptions> options, OrganisationDirectory directory)
{
    private const string Prefix = "ats1.";

    private const string Columns = "kind, base_url, api_key, webhook_secret, webhook_token, on_behalf_of, default_template, connected_by, verified_at, last_sync_at, last_error, watermark, org_id";

    public bool CanSeal => AtsOptions.IsValidKey(options.Value.EncryptionKey);

    /// <summary>Stores (or replaces) the organisation in scope's connection; verification starts over.</summary>
    public async Task SaveAsync(string kind, Uri baseUrl, string apiKey, string webhookSecret, string webhookToken, string? onBehalfOf,
        string template, string connectedBy, CancellationToken ct)
    {
        var org = orgDb.Org.ToString();
        await orgDb.ExecuteAsync(
            $"""
            INSERT INTO ats_connections (kind, base_url, api_key, webhook_secret, webhook_token, on_behalf_of, default_template, connected_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (org_id) DO UPDATE SET kind = $1, base_url = $2, api_key = $3, webhook_secret = $4, webhook_token = $5,
                on_behalf_of = $6, default_template = $7, connected_by = $8, verified_at = NULL, last_error = NULL
            """, ct, kind, baseUrl.ToString(), Seal(apiKey, org), Seal(webhookSecret, org), webhookToken, (object?)onBehalfOf ?? DBNull.Value, template, connectedBy);
    }

    /// <summary>The organisation in scope's connection, from its row or its settings; null when it has none.</summary>
    public async Task<AtsConnectionRow?> FindAsync(CancellationToken ct)
    {
        await using var cmd = orgDb.CreateCommand($"SELECT {Columns} FROM ats_connections");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var row = await reader.ReadAsync(ct) ? Read(reader) : null;
        return Settings(orgDb.Org, row) ?? row;
    }

    /// <summary>The organisation whose webhook URL carries <paramref name="token"/> (across organisations by nature).</summary>
    public async Task<Guid?> OrgOfTokenAsync(string token, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT org_id FROM ats_connections WHERE webhook_token = $1");
        cmd.Parameters.Add(new() { Value = token });
        return await cmd.ExecuteScalarAsync(ct) as Guid?;
    }

    /// <summary>Every organisation with a connection, for the reconcile.</summary>
    public async Task<IReadOnlyList<Guid>> ConnectedOrgsAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT org_id FROM ats_connections WHERE verified_at IS NOT NULL");
        var orgs = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) orgs.Add(reader.GetGuid(0));
        return orgs;
    }

    /// <summary>
    /// Rows for the connections the settings name (run at start-up, after the organisations are
    /// applied): their state lives in the row; their secrets stay in the settings.
    /// </summary>
    public async Task ApplySettingsAsync(CancellationToken ct)
    {
        foreach (var (key, s) in options.Value.Connections)
        {
            await using var find = db.CreateCommand("SELECT id FROM organisations WHERE key = $1");
            find.Parameters.Add(new() { Value = key.ToLowerInvariant() });
            if (await find.ExecuteScalarAsync(ct) is not Guid org) continue;
            await using var cmd = db.CreateCommand(
                """
                INSERT INTO ats_connections (org_id, kind, base_url, api_key, webhook_secret, webhook_token, on_behalf_of, default_template, connected_by, verified_at)
                VALUES ($1, $2, $3, 'settings', 'settings', $4, $5, $6, $7, now())
                ON CONFLICT (org_id) DO UPDATE SET kind = $2, base_url = $3, api_key = 'settings', webhook_secret = 'settings', webhook_token = $4,
                    on_behalf_of = $5, default_template = $6, connected_by = $7, verified_at = coalesce(ats_connections.verified_at, now())
                """);
            foreach (var v in new object[] { org, s.Kind.ToLowerInvariant(), BaseUrl(s.Kind, s.BaseUrl).ToString(), s.WebhookToken,
                         (object?)s.OnBehalfOf ?? DBNull.Value, s.Template, s.Admin.ToLowerInvariant() })
                cmd.Parameters.Add(new() { Value = v });
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public Task MarkVerifiedAsync(DateTimeOffset at, CancellationToken ct) =>
        orgDb.ExecuteAsync("UPDATE ats_connections SET verified_at = $1, last_error = NULL", ct, at);

    public Task MarkErrorAsync(string error, CancellationToken ct) =>
        orgDb.ExecuteAsync("UPDATE ats_connections SET last_error = $1", ct, error);

    /// <summary>
    /// A sync went through: the watermark moves forward only (an older page never moves it back);
    /// <paramref name="problems"/> (what it could not import, for <c>ats status</c>) replaces the last error.
    /// </summary>
    public Task MarkSyncedAsync(DateTimeOffset at, DateTimeOffset? watermark, string? problems, CancellationToken ct) =>
        orgDb.ExecuteAsync("UPDATE ats_connections SET last_sync_at = $1, last_error = $3, watermark = greatest(watermark, $2)", ct, at,
            (object?)watermark ?? DBNull.Value, (object?)problems ?? DBNull.Value);

    public Uri BaseUrl(string kind, string? configured) =>
        new(configured is { Length: > 0 } ? configured.TrimEnd('/') + "/" : kind == Greenhouse.GreenhouseAdapter.KindName ? options.Value.GreenhouseUrl : options.Value.AshbyUrl);

    private AtsConnectionRow? Settings(Guid org, AtsConnectionRow? row)
    {
        var key = directory.Settings(org).Key;
        if (key.Length == 0 || !options.Value.Connections.TryGetValue(key, out var s)) return null;
        var connection = new AtsConnection(org, s.Kind.ToLowerInvariant(), BaseUrl(s.Kind, s.BaseUrl), s.ApiKey, s.WebhookSecret, s.OnBehalfOf, s.Template);
        return row is null
            ? new AtsConnectionRow(connection, s.WebhookToken, s.Admin, null, null, null, null, true)
            : row with { Connection = connection, FromSettings = true };
    }

    private AtsConnectionRow Read(NpgsqlDataReader r)
    {
        var org = r.GetGuid(12);
        var associated = org.ToString();
        var connection = new AtsConnection(org, r.GetString(0), new Uri(r.GetString(1)), Open(r.GetString(2), associated), Open(r.GetString(3), associated),
            r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6));
        return new AtsConnectionRow(connection, r.GetString(4), r.GetString(7), Time(r, 8), Time(r, 9), r.IsDBNull(10) ? null : r.GetString(10), Time(r, 11), false);
    }

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    private string Seal(string plain, string org) =>
        Storage.Sealed.Seal(Convert.FromBase64String(options.Value.EncryptionKey), Prefix, plain, org);

    /// <summary>"" when the value does not open (another key, another organisation): the connection then fails verification loudly.</summary>
    private string Open(string value, string org) =>
        CanSeal && Storage.Sealed.TryOpen(Convert.FromBase64String(options.Value.EncryptionKey), Prefix, value, org, out var plain) ? plain : "";
}
