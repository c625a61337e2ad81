using HireBot.Core.Nudges;
using HireBot.Hiring;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HireBot.Nudges;

/// <summary>
/// When an interview ends, plans each non-shadow panelist's reminders in their own zone and
/// working hours. The plan row and its events (one per reminder and escalation, which
/// <see cref="ReminderSweepJob"/> delivers when due) join the interview-ended transaction, so
/// they commit or roll back with it; a re-run keeps what is there, snooze included.
/// </summary>
public sealed class NudgePlanStep(IOptions<NudgeOptions> options) : IInterviewEndedStep
{
    public async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid interviewId, Guid loopId, CancellationToken cancellationToken)
    {
        foreach (var p in await NudgeStore.PanelistsAsync(connection, transaction, interviewId, cancellationToken))
        {
            var plan = NudgeCadence.Plan(p.EndsAt, p.Zone, p.Hours, options.Value.Policy);
            await NudgeStore.SaveAsync(connection, transaction, interviewId, p.Email, plan, p.LoopDeadline ?? plan.RecruiterEscalation, cancellationToken);
            await NudgeEventStore.SaveAsync(connection, transaction, interviewId, p.Email, Events(plan).ToList(), cancellationToken);
        }
    }

    public static IEnumerable<NudgeEvent> Events(NudgePlan plan) =>
        plan.Reminders.Select(r => NudgeEvent.Reminder(r.Number, r.At))
            .Append(new NudgeEvent(NudgeEvent.Recruiter, plan.RecruiterEscalation))
            .Append(new NudgeEvent(NudgeEvent.Manager, plan.ManagerEscalation));
}
