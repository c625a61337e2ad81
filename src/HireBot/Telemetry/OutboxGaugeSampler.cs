using HireBot.Outbox;

namespace HireBot.Telemetry;

/// <summary>Samples outbox depth and age every few seconds for the gauges (a scrape never waits on the database).</summary>
public sealed class OutboxGaugeSampler(OutboxStore store) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        do
        {
            try
            {
                var (depth, age) = await store.DepthAsync(stoppingToken);
                HireBotMetrics.SetOutbox(depth, age);
            }
            catch (Npgsql.NpgsqlException)
            {
                // The database is away; the gauges keep their last value and the dispatcher logs the outage.
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
