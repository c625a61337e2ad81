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
/// interview's scoring panelists may use them (checked by the CardActionDispatcher). The rules are Core's
/// <see cref="ScorecardRules"/>: this loads the snapshot and writes the effects. Each submission runs
/// in one transaction holding the loop row, so a double click stores one scorecard and exactly one
/// submission completes the panel.
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
        var submit = verb == "scorecard.submit";
        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var facts = await ScorecardStore.LoadAsync(conn, tx, interviewId, lockLoop: submit, cancellationToken);
        if (facts is null) return BotReply.Error("That interview no longer exists.");
        if (await roles.FindAsync(facts.RoleId, cancellationToken) is not { } role || ScorecardShape.For(role.Template, facts.RoundId) is not { } shape)
            return BotReply.Error("This round is no longer part of the role's template, so its scorecard cannot be shown. Ask the recruiter.");
        var existing = await ScorecardStore.FindAsync(conn, tx, interviewId, actor.Email, cancellationToken);
        var seen = submit && await ScorecardStore.HasSeenOthersAsync(conn, tx, facts.LoopId, actor.Email, cancellationToken);
        var snapshot = facts.Snapshot(shape, actor.Email, existing, seen, clock.GetUtcNow());
        var view = new View(facts, role, shape);

        if (!submit)
        {
            var shown = verb == "scorecard.open" ? ScorecardRules.Open(snapshot) : ScorecardRules.Amend(snapshot);
            if (!shown.IsOk) return BotReply.Error(shown.Error!);
            return shown.Value!.Submitted is { } stored ? view.Submitted(stored) : view.Form(shown.Value.Form!, replaces: verb == "scorecard.amend");
        }
        var form = ScorecardForm.Read(data, shape);
        var outcome = ScorecardRules.Submit(snapshot, form, options.Value.MinEvidenceWords);
        if (!outcome.IsOk) return BotReply.Error(outcome.Error!);
        var submission = outcome.Value!;
        switch (submission.Kind)
        {
            case SubmissionKind.Invalid:
                return view.Form(form, replaces: true, submission.Check);
            case SubmissionKind.Repeated:
                ScorecardsLog.Repeated(logger, facts.InterviewId);
                return view.Submitted(submission.Version!);
        }

        var noted = false;
        // Other loops' history, read once for the note and the digest this submission may complete.
        PanelHistory? history = null;
        foreach (var effect in submission.Effects)
        {
            switch (effect)
            {
                case ScorecardStored stored when !await ScorecardStore.InsertAsync(conn, tx, stored.Version, cancellationToken):
                    // Only reachable without the loop lock (e.g. a row written by hand); answer with what is stored.
                    ScorecardsLog.Repeated(logger, facts.InterviewId);
                    return view.Submitted((await ScorecardStore.FindAsync(conn, tx, facts.InterviewId, actor.Email, cancellationToken))!);
                case ScorecardStored:
                    break;
                case ScorecardReplaced replaced:
                    await ScorecardStore.UpdateAsync(conn, tx, replaced.Version, cancellationToken);
                    break;
                case ScorecardAudited audited:
                    await ScorecardStore.AuditAsync(conn, tx, audited.Before, audited.After, audited.ChangedBy, audited.At, cancellationToken);
                    break;
                case ScorecardExportQueued export:
                    await Ats.AtsExport.EnqueueScorecardAsync(conn, tx, export.LoopId, export.InterviewId, export.PanelistEmail, cancellationToken);
                    break;
                case CalibrationNoteOffered note:
                    history ??= await digests.HistoryAsync(conn, tx, note.LoopId, cancellationToken);
                    noted = await SendCalibrationNoteAsync(conn, tx, note, history, cancellationToken);
                    break;
                case DigestCheckDue due:
                    await digests.PostIfCompleteAsync(conn, tx, due.LoopId, cancellationToken, history);
                    break;
                case RemindersCancelled reminders:
                    await NudgeEventStore.CancelAsync(conn, tx, reminders.InterviewId, reminders.PanelistEmail, reminders.At, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"No writer for the scorecard effect {effect.GetType().Name}.");
            }
        }
        await tx.CommitAsync(cancellationToken);
        var version = submission.Version!;
        if (submission.Kind == SubmissionKind.Amended) ScorecardsLog.Amended(logger, facts.InterviewId, version.SawOthersBeforeSubmitting);
        else ScorecardsLog.Submitted(logger, facts.InterviewId);
        if (noted) ScorecardsLog.CalibrationNote(logger, facts.InterviewId);
        return view.Submitted(version);
    }

    /// <summary>
    /// The private calibration note (<see cref="CalibrationReport.Note"/>), an outbox row in the
    /// submission's transaction, to the panelist alone, once per scorecard. It is computed from other
    /// loops only, so nothing about this candidate's other scorecards can be read from it.
    /// </summary>
    private async Task<bool> SendCalibrationNoteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CalibrationNoteOffered offer, PanelHistory history, CancellationToken ct)
    {
        if (CalibrationReport.Note(history.Calibrations.GetValueOrDefault(offer.PanelistEmail), options.Value.CalibrationNoteMinScorecards) is not { } note) return false;
        var data = new JsonObject { ["title"] = "Your rating calibration", ["text"] = note };
        var key = $"calibration-note:{offer.InterviewId}:{offer.PanelistEmail.ToLowerInvariant()}";
        await OutboxStore.EnqueueAsync(conn, tx, [new OutboxMessage(key, Recipients.Person(offer.PanelistEmail), "message", data)], ct);
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
