using System.Text.Json.Nodes;
using HireBot.Core.Roles;
using HireBot.Core.Scorecards;
using HireBot.Decisions;
using HireBot.Hiring;
using Microsoft.Extensions.Options;
using HireBot.Nudges;
using HireBot.Outbox;
using HireBot.Core.Decisions;
using Npgsql;

namespace HireBot.Scorecards;

/// <summary>
/// The scorecard's buttons: <c>scorecard.open</c> shows it, <c>scorecard.submit</c> checks and
/// stores it (first submission or amendment), <c>scorecard.amend</c> shows it pre-filled. Only the
/// interview's scoring panelists may use them (checked by CardActionHandler). Each submission runs in one transaction holding the
/// loop row, so a double click stores one scorecard and exactly one submission completes the panel.
/// </summary>
public sealed class ScorecardActions(
    HireBot.Organisations.OrgDb db, RoleStore roles, DigestPoster digests, IOptions<ScorecardOptions> options, TimeProvider clock,
    ILogger<ScorecardActions> logger) : ICardActionFeature
{
    public IReadOnlyList<string> Verbs => ["scorecard.open", "scorecard.submit", "scorecard.amend"];

    public async Task<BotReply> HandleAsync(Actor actor, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(data["interviewId"]?.ToString(), out var interviewId))
            return BotReply.Error("This scorecard button does not say which interview it is for; use the latest scorecard message.");
        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var facts = await ScorecardStore.LoadAsync(conn, tx, interviewId, lockLoop: verb == "scorecard.submit", cancellationToken);
        // CardActionHandler has already checked the actor scores this interview (Permissions).
        if (facts is null) return BotReply.Error("That interview no longer exists.");
        if (await roles.FindAsync(facts.RoleId, cancellationToken) is not { } role || ScorecardShape.For(role.Template, facts.RoundId) is not { } shape)
            return BotReply.Error("This round is no longer part of the role's template, so its scorecard cannot be shown. Ask the recruiter.");
        var existing = await ScorecardStore.FindAsync(conn, tx, interviewId, actor.Email, cancellationToken);
        var view = new View(facts, role, shape);

        switch (verb)
        {
            case "scorecard.open":
                return existing is not null ? view.Submitted(existing)
                    : facts.IsClosed ? BotReply.Error("The hiring decision has been made; scorecards for this loop are closed.")
                    : view.Form(ScorecardForm.Empty(shape), replaces: false);
            case "scorecard.amend":
                if (existing is null) return view.Form(ScorecardForm.Empty(shape), replaces: true);
                return facts.IsClosed
                    ? BotReply.Error("The hiring decision has been made; scorecards can no longer be amended.")
                    : view.Form(ScorecardForm.From(existing, shape), replaces: true);
            default:
                return await SubmitAsync(conn, tx, actor, view, existing, ScorecardForm.Read(data, shape), cancellationToken);
        }
    }

    private async Task<BotReply> SubmitAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Actor actor, View view, Scorecard? existing,
        ScorecardForm form, CancellationToken ct)
    {
        var facts = view.Facts;
        if (facts.IsClosed) return BotReply.Error("The hiring decision has been made; scorecards can no longer be changed.");
        if (facts.Status != "Completed")
            return BotReply.Error(facts.Status == "Cancelled" ? "This interview was cancelled; there is nothing to score." : "This interview has not ended yet; score it once it has.");

        var now = clock.GetUtcNow();
        var check = form.Check(view.Shape, facts.InterviewId, actor.Email, now, options.Value.MinEvidenceWords);
        if (!check.IsValid) return view.Form(form, replaces: true, check);
        var card = check.Scorecard!;

        if (existing is null)
        {
            // A first submission after others' feedback was shown to this panelist (the deadline digest) is flagged too.
            if (await ScorecardStore.HasSeenOthersAsync(conn, tx, facts.LoopId, actor.Email, ct)) card = card with { SawOthersBeforeSubmitting = true };
            if (!await ScorecardStore.InsertAsync(conn, tx, card, ct))
            {
                // Only reachable without the loop lock (e.g. a row written by hand); answer with what is stored.
                ScorecardsLog.Repeated(logger, facts.InterviewId);
                return view.Submitted((await ScorecardStore.FindAsync(conn, tx, facts.InterviewId, actor.Email, ct))!);
            }
            await ScorecardStore.AuditAsync(conn, tx, null, card, actor.Email, now, ct);
            await Ats.AtsExport.EnqueueScorecardAsync(conn, tx, facts.LoopId, facts.InterviewId, card.PanelistEmail, ct);
            // Other loops' history, read once for the note and the digest this submission may complete.
            var history = await digests.HistoryAsync(conn, tx, facts.LoopId, ct);
            var noted = await SendCalibrationNoteAsync(conn, tx, facts, actor.Email, history, ct);
            await digests.PostIfCompleteAsync(conn, tx, facts.LoopId, ct, history);
            // Submitting cancels what is pending, in the same transaction (the sweep also skips submitted pairs).
            await NudgeEventStore.CancelAsync(conn, tx, facts.InterviewId, actor.Email, now, ct);
            await tx.CommitAsync(ct);
            ScorecardsLog.Submitted(logger, facts.InterviewId);
            if (noted) ScorecardsLog.CalibrationNote(logger, facts.InterviewId);
            return view.Submitted(card);
        }
        if (ScorecardJson.SameContent(existing, card))
        {
            ScorecardsLog.Repeated(logger, facts.InterviewId);
            return view.Submitted(existing);
        }
        // An amendment: a panelist who has seen others' feedback since (a summary) may be anchored, and it stays flagged.
        var saw = existing.SawOthersBeforeSubmitting || await ScorecardStore.HasSeenOthersAsync(conn, tx, facts.LoopId, actor.Email, ct);
        var amended = card with { PanelistEmail = existing.PanelistEmail, SubmittedAt = existing.SubmittedAt, AmendedAt = now, SawOthersBeforeSubmitting = saw };
        await ScorecardStore.UpdateAsync(conn, tx, amended, ct);
        await ScorecardStore.AuditAsync(conn, tx, existing, amended, actor.Email, now, ct);
        await Ats.AtsExport.EnqueueScorecardAsync(conn, tx, facts.LoopId, facts.InterviewId, amended.PanelistEmail, ct);
        await tx.CommitAsync(ct);
        ScorecardsLog.Amended(logger, facts.InterviewId, saw);
        return view.Submitted(amended);
    }

    /// <summary>
    /// The private calibration note (<see cref="CalibrationReport.Note"/>), an outbox row in the
    /// submission's transaction, to the panelist alone, once per scorecard. It is computed from other
    /// loops only, so nothing about this candidate's other scorecards can be read from it.
    /// </summary>
    private async Task<bool> SendCalibrationNoteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, InterviewFacts facts, string email, PanelHistory history, CancellationToken ct)
    {
        if (CalibrationReport.Note(history.Calibrations.GetValueOrDefault(email), options.Value.CalibrationNoteMinScorecards) is not { } note) return false;
        var data = new JsonObject { ["title"] = "Your rating calibration", ["text"] = note };
        await OutboxStore.EnqueueAsync(conn, tx, [new OutboxMessage($"calibration-note:{facts.InterviewId}:{email.ToLowerInvariant()}", Recipients.Person(email), "message", data)], ct);
        return true;
    }

    private sealed record View(InterviewFacts Facts, Role Role, ScorecardShape Shape)
    {
        public BotReply Form(ScorecardForm form, bool replaces, ScorecardCheck? check = null) =>
            new(ScorecardCards.Form, ScorecardCards.FormData(Facts, Role, Shape, form, check), Replaces: replaces);

        public BotReply Submitted(Scorecard s) =>
            new(ScorecardCards.Submitted, ScorecardCards.SubmittedData(Facts, Role, Shape, s), Replaces: true);
    }
}
