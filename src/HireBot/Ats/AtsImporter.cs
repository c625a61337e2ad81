using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HireBot.Hiring;
using HireBot.Organisations;
using HireBot.Outbox;
using Npgsql;
using Quartz;

namespace HireBot.Ats;

/// <summary>What one import did, for <c>ats sync</c> and <c>ats status</c>.</summary>
public sealed record AtsImportReport(int Roles, int Candidates, int Interviews, IReadOnlyList<string> Problems);

/// <summary>
/// Brings the organisation in scope's ATS into HireBot, idempotently on the ATS's ids: each open job
/// becomes a role (the connection's template), each application at an interview stage a candidate
/// with a draft loop, each interview already scheduled in the ATS a booked interview (HireBot will
/// not schedule it again) whose panelists are the organisation's people with the interviewers' ATS
/// emails. Applications are read since the stored watermark (all the first time), oldest change
/// first, and the watermark moves to the newest change read.
/// <para>
/// Conflicts: the import remembers what the ATS said (name, email). When the ATS changes a
/// candidate that a recruiter also changed in HireBot, HireBot keeps the recruiter's version and
/// tells the recruiters in chat; when only the ATS changed, it is taken.
/// </para>
/// </summary>
public sealed partial class AtsImporter(
    IEnumerable<IAtsAdapter> adapters, AtsConnectionStore connections, OrgDb db, RoleStore roles, CandidateStore candidates,
    TemplateLibrary templates, OrganisationDirectory directory, ISchedulerFactory schedulers, TimeProvider clock, ILogger<AtsImporter> logger)
{
    private readonly Dictionary<string, IAtsAdapter> _adapters = adapters.ToDictionary(a => a.Kind, StringComparer.OrdinalIgnoreCase);

    public const string Actor = "ats-import";

    public IAtsAdapter? AdapterFor(string kind) => _adapters.GetValueOrDefault(kind);

    /// <summary>
    /// One pass for the organisation in scope; <paramref name="onlyJobId"/> limits it to one job
    /// (<c>ats sync &lt;role&gt;</c>). Scheduling an interview does not change an application in every
    /// ATS (Ashby's <c>updatedAt</c> stays), so after the changed applications the interviews of
    /// imported applications still open are read again: only <paramref name="applicationId"/>'s when a
    /// webhook named it, else all of them, so the reconcile catches a missed interview webhook.
    /// </summary>
    public async Task<AtsImportReport> ImportAsync(string? onlyJobId, string? applicationId, CancellationToken ct)
    {
        if (await connections.FindAsync(ct) is not { } row) return new AtsImportReport(0, 0, 0, ["This organisation has no ATS connection."]);
        if (AdapterFor(row.Connection.Kind) is not { } adapter)
            return new AtsImportReport(0, 0, 0, [$"No adapter for `{row.Connection.Kind}` on this bot yet."]);
        var c = row.Connection;
        var problems = new List<string>();
        var rolesMade = 0;
        var jobs = new Dictionary<string, Guid>();
        try
        {
            await foreach (var job in adapter.ListJobsAsync(c, ct))
            {
                if (onlyJobId is not null && job.Id != onlyJobId) continue;
                var (roleId, made) = await RoleForAsync(job, row, ct);
                if (made) rolesMade++;
                if (roleId is { } id) jobs[job.Id] = id;
                else await ProblemAsync(problems, null, row, null, $"job:{job.Id}:{c.DefaultTemplate}",
                    $"Job {job.Id} ({job.Name}): the template `{c.DefaultTemplate}` does not exist, so its applications are not imported.", ct);
            }
            var imported = 0;
            var booked = 0;
            var watermark = row.Watermark;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var app in adapter.ListApplicationsAsync(c, row.Watermark, ct))
            {
                if (watermark is null || app.UpdatedAt > watermark) watermark = app.UpdatedAt;
                if (!jobs.TryGetValue(app.JobId, out var roleId)) continue; // a closed job, or not the one asked for
                var (candidate, isNew) = await CandidateForAsync(app, roleId, row, problems, ct);
                if (candidate is null) continue;
                if (isNew) imported++;
                seen.Add(app.Id);
                booked += await BookOrReportAsync(adapter, row, app.Id, candidate, roleId, problems, ct);
            }
            foreach (var (open, roleId, candidateId) in await OpenApplicationsAsync(onlyJobId, applicationId, ct))
            {
                if (seen.Contains(open)) continue;
                if ((await candidates.ListAsync(roleId, ct)).FirstOrDefault(x => x.CandidateId == candidateId) is not { } candidate) continue;
                booked += await BookOrReportAsync(adapter, row, open, candidate, roleId, problems, ct);
            }
            await connections.MarkSyncedAsync(clock.GetUtcNow(), onlyJobId is null ? watermark : null, Summary(problems), ct);
            AtsLog.Imported(logger, c.Kind, rolesMade, imported, booked, problems.Count);
            return new AtsImportReport(rolesMade, imported, booked, problems);
        }
        catch (AtsException e)
        {
            await connections.MarkErrorAsync($"The last sync failed: {e.Message}", ct);
            AtsLog.ImportFailed(logger, c.Kind, e.Message);
            // A refusal (a revoked key, a missing permission) is told to the admin once; what may pass (429, 5xx) waits for the next sync.
            if (e.RetryAfter is null) await ProblemAsync(problems, null, row, null, "sync", $"A sync from {c.Kind} failed: {e.Message}", ct);
            else problems.Add(e.Message);
            return new AtsImportReport(rolesMade, 0, 0, problems);
        }
    }

    /// <summary>
    /// <see cref="BookAsync"/>, except that an application the ATS refuses for good (a wrong
    /// <c>ats link</c> id answered 404, one deleted meanwhile) is reported and the sync goes on with the others.
    /// </summary>
    private async Task<int> BookOrReportAsync(IAtsAdapter adapter, AtsConnectionRow row, string applicationId, CandidateLoop candidate, Guid roleId,
        List<string> problems, CancellationToken ct)
    {
        try
        {
            return await BookAsync(adapter, row.Connection, applicationId, candidate, roleId, problems, ct);
        }
        catch (AtsException e) when (e.RetryAfter is null)
        {
            await ProblemAsync(problems, await roles.FindAsync(roleId, ct), row, candidate.LoopId, $"refused:{applicationId}",
                $"{row.Connection.Kind} refused application {applicationId} of {candidate.Name} during a sync: {e.Message.TrimEnd('.')}. " +
                $"If the id is wrong, link the right one with `ats link {candidate.Email} <application-id>`.", ct);
            return 0;
        }
    }

    /// <summary>
    /// A problem of this sync: kept for the report (and <c>ats status</c>) and told in chat to the
    /// role's recruiters, or to the admin who connected when no role is concerned; once per problem
    /// and wording (the outbox key), so a reconcile every few minutes does not repeat it.
    /// </summary>
    private async Task ProblemAsync(List<string> problems, Core.Roles.Role? role, AtsConnectionRow row, Guid? loopId, string subject, string text,
        CancellationToken ct)
    {
        problems.Add(text);
        var key = $"ats-problem:{subject}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16]}";
        IEnumerable<string> to = role?.Recruiters is { Count: > 0 } recruiters ? recruiters : [row.ConnectedBy];
        await using var conn = await db.OpenConnectionAsync(ct);
        await OutboxStore.EnqueueAsync(conn, null, to.Select(r => new OutboxMessage($"{key}:{r.ToLowerInvariant()}", Recipients.Person(r), "message",
            new JsonObject { ["text"] = text }, LoopId: loopId)), ct);
    }

    /// <summary>What <c>ats status</c> shows of the last sync's problems (null when it had none).</summary>
    private static string? Summary(List<string> problems) => problems.Count == 0 ? null
        : Truncate($"The last sync had {problems.Count} problem(s): {string.Join(" | ", problems)}", 1000);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>The role an ATS job maps to, made on first sight from the connection's template (the connecting admin is its recruiter).</summary>
    private async Task<(Guid? RoleId, bool Made)> RoleForAsync(AtsJob job, AtsConnectionRow row, CancellationToken ct)
    {
        await using (var find = db.CreateCommand("SELECT role_id FROM ats_jobs WHERE job_id = $1"))
        {
            find.Parameters.Add(new() { Value = job.Id });
            if (await find.ExecuteScalarAsync(ct) is Guid known) return (known, false);
        }
        if (templates.Find(row.Connection.DefaultTemplate) is not { } template) return (null, false);
        var slug = Slug(job.Name);
        if (await roles.FindAsync(slug, ct) is not null) slug = $"{slug}-{job.Id}";
        var created = await roles.CreateAsync(slug, template with { Title = job.Name }, null, row.ConnectedBy.ToLowerInvariant(), ct);
        var role = created.IsOk ? created.Value! : await roles.FindAsync(slug, ct);
        if (role is null) return (null, false);
        // Two instances importing at once: the first mapping wins, the other's role stays unused.
        await db.ExecuteAsync("INSERT INTO ats_jobs (job_id, role_id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", ct, job.Id, role.Id, job.Name);
        return (role.Id, created.IsOk);
    }

    private static string Slug(string name)
    {
        var slug = SlugChars().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "ats-job" : slug[..Math.Min(slug.Length, 40)].TrimEnd('-');
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugChars();

    /// <summary>The candidate an application maps to; made (with a draft loop) when the application first reaches an interview stage.</summary>
    private async Task<(CandidateLoop? Candidate, bool IsNew)> CandidateForAsync(AtsApplication app, Guid roleId, AtsConnectionRow row, List<string> problems,
        CancellationToken ct)
    {
        var email = (app.CandidateEmail ?? $"{row.Connection.Kind}-{app.CandidateId}@candidates.invalid").Trim().ToLowerInvariant();
        await using (var find = db.CreateCommand(
            """
            SELECT a.candidate_id, a.imported_name, a.imported_email, a.ats_candidate_id, c.forgotten_at IS NOT NULL
            FROM ats_applications a JOIN candidates c ON c.id = a.candidate_id WHERE a.application_id = $1
            """))
        {
            find.Parameters.Add(new() { Value = app.Id });
            await using var r = await find.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                var (id, importedName, importedEmail, handLinked, forgotten) = (r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3).Length == 0, r.GetBoolean(4));
                await r.DisposeAsync();
                if (forgotten)
                {
                    // Erased here (`candidate forget`): nothing of the person is imported or told again, and the ATS's copy is not kept either.
                    await db.ExecuteAsync("UPDATE ats_applications SET imported_name = '', imported_email = '' WHERE application_id = $1", ct, app.Id);
                    return (null, false);
                }
                var existing = (await candidates.ListAsync(roleId, ct)).FirstOrDefault(x => x.CandidateId == id);
                if (existing is not null) await ReconcileCandidateAsync(app, existing, importedName, importedEmail, handLinked, email, roleId, ct);
                return (existing, false);
            }
        }
        if (!app.AtInterviewStage) return (null, false);
        var added = await candidates.AddAsync(roleId, email, app.CandidateName, Actor, ct);
        CandidateLoop? candidate = added.Value;
        var linked = false;
        if (!added.IsOk)
        {
            // A recruiter added them by hand before the ATS got here: link, do not duplicate.
            candidate = (await candidates.ListAsync(roleId, ct)).FirstOrDefault(x => x.Email.Equals(email, StringComparison.OrdinalIgnoreCase));
            linked = candidate is not null;
        }
        var role = await roles.FindAsync(roleId, ct);
        if (candidate is null)
        {
            await ProblemAsync(problems, role, row, null, $"add:{app.Id}",
                $"{app.CandidateName} ({row.Connection.Kind} application {app.Id}) could not be added to `{role?.Slug}`: {added.Error}", ct);
            return (null, false);
        }
        var inserted = await db.ExecuteAsync(
            """
            INSERT INTO ats_applications (application_id, ats_candidate_id, candidate_id, job_id, imported_name, imported_email, stage, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
            """, ct, app.Id, app.CandidateId, candidate.CandidateId, app.JobId, app.CandidateName, email, (object?)app.StageName ?? DBNull.Value, app.UpdatedAt);
        if (inserted == 0) return (candidate, false);
        // Linked by email: HireBot keeps the name the recruiter typed, and says so when the ATS's differs.
        var kept = linked && candidate.Name != app.CandidateName ? $" {row.Connection.Kind} calls them {app.CandidateName}; HireBot keeps the name typed here." : "";
        await TellAsync(role, $"ats-imported:{app.Id}", linked
            ? $"{candidate.Name} (already a candidate for `{role?.Slug}`) is now linked to {row.Connection.Kind} application {app.Id}, not added twice.{kept}"
            : $"Imported {candidate.Name} from {row.Connection.Kind} ({app.StageName ?? "interview stage"}) into `{role?.Slug}` with a draft loop.", candidate.LoopId, ct);
        return (candidate, !linked);
    }

    /// <summary>
    /// Takes the ATS's new name or email unless a recruiter changed it in HireBot since the last
    /// import (or typed it, for a candidate linked by hand with <c>ats link</c>, which the import has
    /// not read yet); then HireBot's stays, and the recruiters are told what the ATS says now. An
    /// email another candidate of the role already has is not taken either, and said so.
    /// </summary>
    private async Task ReconcileCandidateAsync(AtsApplication app, CandidateLoop existing, string importedName, string importedEmail, bool handLinked,
        string atsEmail, Guid roleId, CancellationToken ct)
    {
        var atsChanged = app.CandidateName != importedName || atsEmail != importedEmail;
        if (!atsChanged && !handLinked) return;
        if (atsChanged)
        {
            var recruiterChanged = handLinked || existing.Name != importedName || !existing.Email.Equals(importedEmail, StringComparison.OrdinalIgnoreCase);
            var taken = !recruiterChanged && await db.ExecuteAsync(
                "UPDATE candidates c SET name = $2, email = $3 WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM candidates o WHERE o.role_id = c.role_id AND o.id <> c.id AND o.email = $3)",
                ct, existing.CandidateId, app.CandidateName, atsEmail) == 1;
            if (!taken)
            {
                var why = recruiterChanged ? "HireBot's name and email were set here by a recruiter" : "another candidate of the role has that email";
                await TellAsync(await roles.FindAsync(roleId, ct), $"ats-conflict:{app.Id}:{app.UpdatedAt.ToUnixTimeSeconds()}",
                    $"The ATS now has {existing.Name} (application {app.Id}) as {app.CandidateName} <{atsEmail}>. HireBot kept {existing.Name} <{existing.Email}>: {why}.",
                    existing.LoopId, ct);
            }
        }
        await db.ExecuteAsync(
            "UPDATE ats_applications SET imported_name = $2, imported_email = $3, stage = $4, updated_at = $5, ats_candidate_id = $6 WHERE application_id = $1",
            ct, app.Id, app.CandidateName, atsEmail, (object?)app.StageName ?? DBNull.Value, app.UpdatedAt, app.CandidateId);
    }

    /// <summary>Imported applications whose loop has no decision yet (one job's, or one application when given): their interviews may still change.</summary>
    private async Task<List<(string ApplicationId, Guid RoleId, Guid CandidateId)>> OpenApplicationsAsync(string? onlyJobId, string? applicationId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT a.application_id, c.role_id, c.id FROM ats_applications a JOIN candidates c ON c.id = a.candidate_id JOIN loops l ON l.candidate_id = c.id
            WHERE l.decision IS NULL AND c.forgotten_at IS NULL AND ($1::text IS NULL OR a.job_id = $1) AND ($2::text IS NULL OR a.application_id = $2) ORDER BY a.application_id
            """);
        cmd.Parameters.Add(new() { Value = (object?)onlyJobId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)applicationId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var open = new List<(string, Guid, Guid)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) open.Add((r.GetString(0), r.GetGuid(1), r.GetGuid(2)));
        return open;
    }

    /// <summary>Interviews the ATS has scheduled, taken as booked (once each); returns how many were new.</summary>
    private async Task<int> BookAsync(IAtsAdapter adapter, AtsConnection c, string applicationId, CandidateLoop candidate, Guid roleId, List<string> problems,
        CancellationToken ct)
    {
        var interviews = await adapter.ListInterviewsAsync(c, applicationId, ct);
        var role = await roles.FindAsync(roleId, ct);
        await CancelGoneAsync(applicationId, interviews.Select(i => i.Id).ToHashSet(), candidate, role, ct);
        if (interviews.Count == 0) return 0;
        var settings = directory.Settings(db.Org);
        var booked = 0;
        foreach (var iv in interviews)
        {
            var panel = new List<string>();
            var unmatched = new List<string>();
            foreach (var p in iv.Interviewers)
            {
                var email = p.Email?.Trim().ToLowerInvariant();
                if (email is { Length: > 0 } && (await IsPersonAsync(email, ct) || settings.OwnsDomainOf(email))) panel.Add(email);
                else unmatched.Add(p.Name ?? p.UserId);
            }
            var round = role?.Template.Loop.Rounds.FirstOrDefault(r => r.Name.Equals(iv.Name, StringComparison.OrdinalIgnoreCase) || r.Id.Equals(iv.Name, StringComparison.OrdinalIgnoreCase))?.Id
                        ?? Slug(iv.Name);
            var id = Guid.CreateVersion7();
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO interviews (id, loop_id, round_id, starts_at, ends_at, status) SELECT $1, $2, $3, $4, $5, 'Scheduled' WHERE NOT EXISTS (SELECT 1 FROM ats_interviews WHERE ats_interview_id = $6)",
                conn, tx))
            {
                foreach (var v in new object[] { id, candidate.LoopId, round, iv.StartUtc.ToUniversalTime(), iv.EndUtc.ToUniversalTime(), iv.Id })
                    insert.Parameters.Add(new() { Value = v });
                if (await insert.ExecuteNonQueryAsync(ct) == 0) continue; // taken before
            }
            await using (var link = new NpgsqlCommand("INSERT INTO ats_interviews (ats_interview_id, interview_id, application_id) VALUES ($1, $2, $3)", conn, tx))
            {
                foreach (var v in new object[] { iv.Id, id, applicationId }) link.Parameters.Add(new() { Value = v });
                await link.ExecuteNonQueryAsync(ct);
            }
            foreach (var email in panel.Distinct())
            {
                await using var p = new NpgsqlCommand("INSERT INTO interview_panelists (interview_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING", conn, tx);
                p.Parameters.Add(new() { Value = id });
                p.Parameters.Add(new() { Value = email });
                await p.ExecuteNonQueryAsync(ct);
            }
            // Booked in the ATS: the loop is scheduled, so `schedule` will not book it again.
            await using (var state = new NpgsqlCommand("UPDATE loops SET state = 'Scheduled', updated_at = now() WHERE id = $1 AND state IN ('Draft', 'Scheduling')", conn, tx))
            {
                state.Parameters.Add(new() { Value = candidate.LoopId });
                await state.ExecuteNonQueryAsync(ct);
            }
            if (unmatched.Count > 0)
            {
                var text = $"{candidate.Name}'s {iv.Name} ({iv.StartUtc:yyyy-MM-dd HH:mm} UTC) was taken from the ATS, but {string.Join(", ", unmatched)} " +
                           $"could not be matched to anyone in this organisation by email; they will not get a scorecard here. Add them with `role add {role?.Slug} interviewer <email>`, then `ats sync {role?.Slug}`.";
                await OutboxStore.EnqueueAsync(conn, tx, Messages(role, $"ats-unmatched:{iv.Id}", text, candidate.LoopId), ct);
                problems.Add($"Interview {iv.Id}: {unmatched.Count} interviewer(s) not matched.");
            }
            var scheduler = await schedulers.GetScheduler(ct);
            using (scheduler.EnlistTransaction(tx))
            {
                // An interview that already ended in the ATS asks for its scorecards now (a trigger in the
                // past would wait for Quartz's misfire scan).
                var now = clock.GetUtcNow();
                await InterviewJobs.ScheduleAsync(scheduler, id, iv.StartUtc, iv.EndUtc < now ? now : iv.EndUtc, now, ct);
                await tx.CommitAsync(ct);
            }
            booked++;
        }
        return booked;
    }

    /// <summary>
    /// An interview taken from the ATS that the ATS no longer lists (cancelled or deleted there,
    /// the <c>interview_deleted</c> webhook) is cancelled here too, with its timers; the recruiters are told.
    /// </summary>
    private async Task CancelGoneAsync(string applicationId, HashSet<string> listed, CandidateLoop candidate, Core.Roles.Role? role, CancellationToken ct)
    {
        var gone = new List<(string AtsId, Guid Id)>();
        await using (var cmd = db.CreateCommand(
            "SELECT a.ats_interview_id, a.interview_id FROM ats_interviews a JOIN interviews i ON i.id = a.interview_id WHERE a.application_id = $1 AND i.status = 'Scheduled'"))
        {
            cmd.Parameters.Add(new() { Value = applicationId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) if (!listed.Contains(r.GetString(0))) gone.Add((r.GetString(0), r.GetGuid(1)));
        }
        if (gone.Count == 0) return;
        var scheduler = await schedulers.GetScheduler(ct);
        foreach (var (atsId, id) in gone)
        {
            if (await db.ExecuteAsync("UPDATE interviews SET status = 'Cancelled' WHERE id = $1 AND status = 'Scheduled'", ct, id) == 0) continue;
            await InterviewJobs.CancelAsync(scheduler, id, ct);
            await TellAsync(role, $"ats-cancelled:{atsId}", $"An interview of {candidate.Name} was cancelled in the ATS, so it is cancelled here too.", candidate.LoopId, ct);
        }
    }

    private async Task<bool> IsPersonAsync(string email, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM people WHERE lower(email) = $1)");
        cmd.Parameters.Add(new() { Value = email });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task TellAsync(Core.Roles.Role? role, string key, string text, Guid loopId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await OutboxStore.EnqueueAsync(conn, null, Messages(role, key, text, loopId), ct);
    }

    /// <summary>A plain message to each of the role's recruiters.</summary>
    private static IEnumerable<OutboxMessage> Messages(Core.Roles.Role? role, string key, string text, Guid loopId) =>
        (role?.Recruiters ?? []).Select(r => new OutboxMessage($"{key}:{r.ToLowerInvariant()}", Recipients.Person(r), "message",
            new JsonObject { ["text"] = text }, LoopId: loopId));
}
