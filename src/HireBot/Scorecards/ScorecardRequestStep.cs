using HireBot.Core.Scorecards;
using HireBot.Decisions;
using HireBot.Hiring;
using HireBot.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace HireBot.Scorecards;

/// <summary>
/// When an interview ends: the round's scorecard goes to each scoring panelist (shadows do not
/// score), the loop gets its feedback deadline if it has none, and the deadline digest is
/// scheduled. Everything joins the <see cref="InterviewEndedJob"/> transaction, the Quartz trigger
/// included, so a crash leaves either all of it or none.
/// </summary>
public sealed class ScorecardRequestStep(
    RoleStore roles, DigestPoster digests, ISchedulerFactory schedulers, IOptions<ScorecardOptions> options, ILogger<ScorecardRequestStep> logger) : IInterviewEndedStep
{
    public async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid interviewId, Guid loopId, CancellationToken cancellationToken)
    {
        var facts = await ScorecardStore.LoadAsync(connection, transaction, interviewId, lockLoop: false, cancellationToken);
        if (facts is null) return;
        var role = await roles.FindAsync(facts.RoleId, cancellationToken);
        if (role is not null && ScorecardShape.For(role.Template, facts.RoundId) is { } shape)
        {
            var data = ScorecardCards.FormData(facts, role, shape, ScorecardForm.Empty(shape));
            var messages = facts.Panel.Where(p => !p.IsShadow)
                .Select(p => new OutboxMessage($"scorecard-request:{interviewId}:{p.Email}", Recipients.Person(p.Email), ScorecardCards.Form, data.DeepClone().AsObject(), LoopId: loopId))
                .ToList();
            await OutboxStore.EnqueueAsync(connection, transaction, messages, cancellationToken);
            ScorecardsLog.Requested(logger, messages.Count, interviewId);
        }
        else
        {
            ScorecardsLog.NoShape(logger, interviewId, facts.RoundId);
        }
        await SetDeadlineAsync(connection, transaction, loopId, cancellationToken);
        // Usually a submission completes the panel; an interview with only shadows can complete it here.
        await digests.PostIfCompleteAsync(connection, transaction, loopId, cancellationToken);
    }

    private async Task SetDeadlineAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, CancellationToken ct)
    {
        // 48 h (by default) after the loop's last booked interview ends, set once; a deadline a
        // recruiter already set is kept.
        await using var cmd = new NpgsqlCommand(
            """
            UPDATE loops SET deadline = (SELECT max(ends_at) FROM interviews WHERE loop_id = $1 AND status <> 'Cancelled') + $2
            WHERE id = $1 AND deadline IS NULL
            RETURNING deadline
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = TimeSpan.FromHours(options.Value.FeedbackDeadlineHours) });
        if (await cmd.ExecuteScalarAsync(ct) is not DateTime deadline) return;
        var at = new DateTimeOffset(DateTime.SpecifyKind(deadline, DateTimeKind.Utc));
        var scheduler = await schedulers.GetScheduler(ct);
        // The trigger is written in our transaction: see Quartz "Joining an existing transaction".
        using (scheduler.EnlistTransaction(tx))
            await DigestJobs.ScheduleDeadlineAsync(scheduler, loopId, at, ct);
        ScorecardsLog.DeadlineSet(logger, loopId, at);
    }
}
