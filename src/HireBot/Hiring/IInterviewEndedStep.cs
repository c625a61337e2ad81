using Npgsql;

namespace HireBot.Hiring;

/// <summary>Work that must happen, in the same transaction, when an interview ends (scorecard requests, reminder plans).</summary>
public interface IInterviewEndedStep
{
    Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid interviewId, Guid loopId, CancellationToken cancellationToken);
}
