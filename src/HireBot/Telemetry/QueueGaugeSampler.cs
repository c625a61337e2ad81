using HireBot.Inbox;
using HireBot.Outbox;

namespace HireBot.Telemetry;

/// <summary>Samples the depth and age of the inbox and the outbox every few seconds for the gauges (a scrape never waits on the database).</summary>
public sealed class QueueGaugeSampler(OutboxStore outbox, InboxStore inbox) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        do
        {
            try
            {
                var (depth, age) = await outbox.DepthAsync(stoppingToken);
                HireBotMetrics.SetOutbox(depth, age);
                (depth, age) = await inbox.DepthAsync(stoppingToken);
                HireBotMetrics.SetInbox(depth, age);
            }
            catch (Npgsql.NpgsqlException)
            {
                // The database is away; the gauges keep their last value and the dispatcher logs the outage.
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
