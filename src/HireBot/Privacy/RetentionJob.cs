using HireBot.Organisations;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace HireBot.Privacy;

/// <summary>
/// The retention setting (<c>Privacy__RetentionDays</c>): one clustered Quartz job that erases every
/// candidate whose latest loop was decided more than that many days ago, through the same
/// <see cref="CandidateEraser"/> as <c>candidate forget</c>. It finds the organisations with such
/// candidates on the plain connection (across organisations by nature, ids only), then works in
/// each organisation's scope. A candidate with a newer loop still open is not due.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(NpgsqlDataSource db, OrgDb orgDb, CandidateEraser eraser, TimeProvider clock, IOptions<PrivacyOptions> options,
    ILogger<RetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("retention", "privacy");

    /// <summary>Who the audit names for an erasure by the retention setting.</summary>
    public const string Actor = "the retention setting";

    private const string Due =
        """
        FROM candidates c
        JOIN LATERAL (SELECT state, decided_at FROM loops WHERE candidate_id = c.id ORDER BY created_at DESC LIMIT 1) l ON true
        WHERE c.forgotten_at IS NULL AND l.state = 'Decided' AND l.decided_at <= $1
        """;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>One pass; returns how many candidates it erased.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (options.Value.RetentionDays is not { } days) return 0;
        var cutoff = clock.GetUtcNow().AddDays(-days);
        var total = 0;
        foreach (var org in await GuidsAsync(db.CreateCommand("SELECT DISTINCT c.org_id " + Due), cutoff, ct))
            using (OrgScope.Enter(org))
            {
                var due = await GuidsAsync(orgDb.CreateCommand("SELECT c.id " + Due), cutoff, ct);
                foreach (var candidate in due)
                {
                    if (ct.IsCancellationRequested) break;
                    if (await eraser.ForgetAsync(candidate, Actor, clock.GetUtcNow(), ct) is not null) total++;
                }
                PrivacyLog.Retained(logger, due.Count, days, org);
            }
        return total;
    }

    private static async Task<List<Guid>> GuidsAsync(NpgsqlCommand cmd, DateTimeOffset cutoff, CancellationToken ct)
    {
        await using (cmd)
        {
            cmd.Parameters.Add(new() { Value = cutoff });
            return await ReadAsync(await cmd.ExecuteReaderAsync(ct), ct);
        }
    }

    private static async Task<List<Guid>> GuidsAsync(OrgCommand cmd, DateTimeOffset cutoff, CancellationToken ct)
    {
        await using (cmd)
        {
            cmd.Parameters.Add(new() { Value = cutoff });
            return await ReadAsync(await cmd.ExecuteReaderAsync(ct), ct);
        }
    }

    private static async Task<List<Guid>> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        await using (reader)
        {
            var ids = new List<Guid>();
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
            return ids;
        }
    }
}
