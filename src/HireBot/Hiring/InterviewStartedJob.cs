using HireBot.Core.Loops;
using Npgsql;
using Quartz;

namespace HireBot.Hiring;

/// <summary>
/// Runs when a booked interview starts: a scheduled loop becomes in progress. Conditional on
/// both states, so a late or repeated firing, or a cancelled interview, changes nothing.
/// </summary>
public sealed class InterviewStartedJob(HireBot.Organisations.OrgDb db, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var interviewId = Guid.Parse(context.MergedJobDataMap.GetString(InterviewEndedJob.InterviewIdKey)!);
        using var org = Organisations.OrgScope.Enter(Organisations.OrgScope.FromJobData(context.MergedJobDataMap));
        await using var cmd = db.CreateCommand(
            """
            UPDATE loops SET state = $2, updated_at = $3
            WHERE id = (SELECT loop_id FROM interviews WHERE id = $1 AND status = 'Scheduled') AND state = $4
            """);
        cmd.Parameters.Add(new() { Value = interviewId });
        cmd.Parameters.Add(new() { Value = nameof(LoopState.InProgress) });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        cmd.Parameters.Add(new() { Value = nameof(LoopState.Scheduled) });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
