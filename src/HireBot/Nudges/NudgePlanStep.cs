using HireBot.Core.Nudges;
using HireBot.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace HireBot.Nudges;

/// <summary>
/// When an interview ends, plans each non-shadow panelist's reminders in their own zone and
/// working hours and schedules them. The plan row joins the interview-ended transaction; the
/// Quartz triggers are stored through the scheduler. If that transaction rolls back after the
/// triggers were stored, the job finds no plan and sends nothing; the re-run replaces them.
/// </summary>
public sealed class NudgePlanStep(ISchedulerFactory schedulers, IOptions<NudgeOptions> options) : IInterviewEndedStep
{
    public async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid interviewId, Guid loopId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var p in await NudgeStore.PanelistsAsync(connection, transaction, interviewId, cancellationToken))
        {
            var plan = NudgeCadence.Plan(p.EndsAt, p.Zone, p.Hours, options.Value.Policy);
            await NudgeStore.SaveAsync(connection, transaction, interviewId, p.Email, plan, p.LoopDeadline ?? plan.RecruiterEscalation, cancellationToken);
            await NudgeJobs.ScheduleAsync(scheduler, interviewId, p.Email, Events(plan), cancellationToken);
        }
    }

    public static IEnumerable<NudgeEvent> Events(NudgePlan plan) =>
        plan.Reminders.Select(r => NudgeEvent.Reminder(r.Number, r.At))
            .Append(new NudgeEvent(NudgeEvent.Recruiter, plan.RecruiterEscalation))
            .Append(new NudgeEvent(NudgeEvent.Manager, plan.ManagerEscalation));
}
