using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HireBot.Hiring;
using HireBot.Organisations;
using Npgsql;
using Quartz;

namespace HireBot.Ats;

/// <summary>
/// <c>ats connect|status|sync|link</c>. None of them calls the ATS: connecting stores the key
/// (sealed) and starts the check in the background (<see cref="AtsSyncJob"/>), whose outcome the
/// admin is told in chat; a sync is started the same way. Which adapter serves a connection is
/// picked by its kind among the registered <see cref="IAtsAdapter"/>s.
/// </summary>
public sealed class AtsCommands(AtsConnectionStore connections, AtsImporter importer, TemplateLibrary templates, OrgDb db, ISchedulerFactory schedulers,
    TimeProvider clock) : ICommandFeature
{
    public static readonly string[] Kinds = ["greenhouse", "ashby"];

    public IReadOnlyList<string> Commands => ["ats connect", "ats status", "ats sync", "ats link"];

    public async Task<BotReply> HandleAsync(CommandContext c, CancellationToken ct) => c.Command.Name switch
    {
        "ats connect" => await ConnectAsync(c, ct),
        "ats status" => await StatusAsync(ct),
        "ats sync" => await SyncAsync(c, ct),
        "ats link" => await LinkAsync(c, ct),
        _ => BotReply.Error($"`{c.Command.Name}` is not an ATS command."),
    };

    private async Task<BotReply> ConnectAsync(CommandContext c, CancellationToken ct)
    {
        var kind = c.Command.Required("kind").ToLowerInvariant();
        if (!Kinds.Contains(kind)) return BotReply.Error($"`{kind}` is not an ATS HireBot knows: use `greenhouse` or `ashby`.");
        if ((await connections.FindAsync(ct))?.FromSettings == true)
            return BotReply.Error("This organisation's ATS connection comes from the bot's settings (`Ats__Connections__…`): change it there.");
        if (!connections.CanSeal) return BotReply.Error("The bot cannot store an API key safely: set `Ats__EncryptionKey` (base64 of 32 random bytes) and restart it.");
        var template = c.Command["template"] ?? TemplateLibrary.Default;
        if (templates.Find(template) is null) return BotReply.Error($"No template `{template}`. Templates: {string.Join(", ", templates.Ids.Select(t => $"`{t}`"))}.");
        Uri? url = null;
        if (c.Command["url"] is { } typed && (!Uri.TryCreate(typed, UriKind.Absolute, out url) || url.Scheme != Uri.UriSchemeHttps))
            return BotReply.Error("`url` must be an https address (leave it out for the ATS's own API).");
        var secret = c.Command["secret"] ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        await connections.SaveAsync(kind, url ?? connections.BaseUrl(kind, null), c.Command.Required("key"), secret, token, c.Command["user"], template,
            c.Actor.Email.ToLowerInvariant(), ct);
        await AtsSyncJob.TriggerAsync(await schedulers.GetScheduler(ct), clock, null, null, verify: true, ct);
        var adapter = importer.AdapterFor(kind) is null ? $" (HireBot's {kind} adapter is not installed yet: the key is kept for it)" : "";
        return BotReply.Text($"Stored the {kind} connection, encrypted{adapter}. I am checking the key with {kind} in the background and will tell you how it went. " +
                             $"Webhook secret key (shown once; {kind} asks for it when you add the webhook): `{secret}`. New roles use the template `{template}`.");
    }

    private async Task<BotReply> StatusAsync(CancellationToken ct)
    {
        if (await connections.FindAsync(ct) is not { } row) return BotReply.Text("No ATS connected. An organisation admin runs `ats connect greenhouse <api-key>`.");
        var text = new StringBuilder($"ATS: {row.Connection.Kind}{(row.FromSettings ? " (from settings)" : "")}, ");
        text.Append(row.VerifiedAt is { } v ? $"key verified {v:yyyy-MM-dd HH:mm} UTC" : "key not verified yet");
        text.Append(row.LastSyncAt is { } s ? $"; last sync {s:yyyy-MM-dd HH:mm} UTC" : "; never synced");
        if (row.Watermark is { } w) text.Append(CultureInfo.InvariantCulture, $" (changes up to {w:yyyy-MM-dd HH:mm} UTC)");
        if (row.LastError is { } e) text.Append(CultureInfo.InvariantCulture, $". {e.TrimEnd('.')}");
        await using var cmd = db.CreateCommand(
            "SELECT (SELECT count(*) FROM ats_jobs), (SELECT count(*) FROM ats_applications), (SELECT count(*) FROM outbox WHERE recipient LIKE 'conversation:ats:%' AND status = 'failed')");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        text.Append(CultureInfo.InvariantCulture, $". {r.GetInt64(0)} job(s) as roles, {r.GetInt64(1)} application(s) as candidates, {r.GetInt64(2)} write-back(s) failed.");
        return BotReply.Text(text.ToString());
    }

    private async Task<BotReply> SyncAsync(CommandContext c, CancellationToken ct)
    {
        if (await connections.FindAsync(ct) is null) return BotReply.Error("No ATS connected. An organisation admin runs `ats connect greenhouse <api-key>`.");
        string? job = null;
        if (c.Role is { } role)
        {
            await using var cmd = db.CreateCommand("SELECT job_id FROM ats_jobs WHERE role_id = $1");
            cmd.Parameters.Add(new() { Value = role.Id });
            job = await cmd.ExecuteScalarAsync(ct) as string;
            if (job is null) return BotReply.Error($"`{role.Slug}` did not come from the ATS, so there is nothing to sync for it.");
        }
        await AtsSyncJob.TriggerAsync(await schedulers.GetScheduler(ct), clock, job, null, verify: false, ct);
        return BotReply.Text($"Syncing {(c.Role is null ? "every open job" : $"`{c.Role.Slug}`")} from the ATS now; new candidates and problems come to the roles' recruiters in chat.");
    }

    /// <summary>
    /// Links a candidate added by hand to their ATS application, so their scorecards and decision go
    /// back to it and its interviews come in; the application's id is not checked here (no ATS call in
    /// a command): the sync it starts reads the application, and a wrong id is told to the recruiters.
    /// Until that sync reads the application, HireBot's name and email count as the recruiter's.
    /// </summary>
    private async Task<BotReply> LinkAsync(CommandContext c, CancellationToken ct)
    {
        var x = c.Candidate!;
        var application = c.Command.Required("atsid").Trim();
        if (await connections.FindAsync(ct) is null) return BotReply.Error("No ATS connected. An organisation admin runs `ats connect greenhouse <api-key>`.");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var other = new NpgsqlCommand(
            "SELECT c.name FROM ats_applications a JOIN candidates c ON c.id = a.candidate_id WHERE a.application_id = $1 AND a.candidate_id <> $2", conn, tx))
        {
            other.Parameters.Add(new() { Value = application });
            other.Parameters.Add(new() { Value = x.CandidateId });
            if (await other.ExecuteScalarAsync(ct) is string name)
                return BotReply.Error($"ATS application {application} is already linked to {name}; {x.Name}'s link is unchanged.");
        }
        // One application per candidate: a new link replaces the candidate's old one.
        await using (var old = new NpgsqlCommand("DELETE FROM ats_applications WHERE candidate_id = $1", conn, tx))
        {
            old.Parameters.Add(new() { Value = x.CandidateId });
            await old.ExecuteNonQueryAsync(ct);
        }
        await using (var link = new NpgsqlCommand(
            """
            INSERT INTO ats_applications (application_id, ats_candidate_id, candidate_id, job_id, imported_name, imported_email, updated_at)
            VALUES ($1, '', $2, coalesce((SELECT job_id FROM ats_jobs WHERE role_id = $3), ''), $4, $5, $6) ON CONFLICT DO NOTHING
            """, conn, tx))
        {
            foreach (var v in new object[] { application, x.CandidateId, x.RoleId, x.Name, x.Email, clock.GetUtcNow() }) link.Parameters.Add(new() { Value = v });
            if (await link.ExecuteNonQueryAsync(ct) == 0) return BotReply.Error($"ATS application {application} was just linked to another candidate.");
        }
        await tx.CommitAsync(ct);
        await AtsSyncJob.TriggerAsync(await schedulers.GetScheduler(ct), clock, null, application, verify: false, ct);
        return BotReply.Text($"Linked {x.Name} to ATS application {application}: their scorecards and decision will be written back to it. " +
                             "I am reading its interviews from the ATS now; if the ATS does not know that application, I will tell you here.");
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
