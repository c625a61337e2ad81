using HireBot.Background;
using HireBot.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Quartz;

namespace HireBot.Health;

/// <summary>
/// <c>/healthz</c> is liveness: the process answers HTTP (no dependency is asked, so a database
/// outage does not get the bot restarted). <c>/readyz</c> is readiness: the database answers with
/// this build's migrations applied, Quartz runs, and the inbox worker and outbox dispatcher go
/// round, and the <see cref="WarmUp"/> has run (so the first requests are not the ones that pay for
/// connections, keys and first calls); 503 otherwise, with what is missing.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddSingleton<WarmUp>().AddHostedService(sp => sp.GetRequiredService<WarmUp>());
        services.AddHealthChecks()
            .AddCheck<WarmUpCheck>("warm-up", tags: [Ready])
            .AddCheck<DatabaseCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(2))
            .AddCheck<SchedulerCheck>("jobs", tags: [Ready])
            .AddCheck<LoopsCheck>("loops", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsJsonAsync(new
        {
            status = report.Status == HealthStatus.Healthy ? "ok" : "unavailable",
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), detail = e.Value.Description }),
        });
    }

    private sealed class WarmUpCheck(WarmUp warmUp) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) =>
            Task.FromResult(warmUp.IsDone ? HealthCheckResult.Healthy("warmed up") : HealthCheckResult.Unhealthy("warming up"));
    }

    private sealed class DatabaseCheck(NpgsqlDataSource db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            try
            {
                await using var cmd = db.CreateCommand("SELECT max(version) FROM schema_migrations");
                var applied = await cmd.ExecuteScalarAsync(ct) as int? ?? 0;
                return applied >= Migrator.LatestVersion
                    ? HealthCheckResult.Healthy($"migrations applied up to {applied}")
                    : HealthCheckResult.Unhealthy($"migrations applied up to {applied}, this build needs {Migrator.LatestVersion}");
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"database unreachable ({e.GetType().Name})");
            }
        }
    }

    private sealed class SchedulerCheck(ISchedulerFactory schedulers) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            var scheduler = await schedulers.GetScheduler(ct);
            var status = await scheduler.GetStatus(ct);
            return status == SchedulerStatus.Running
                ? HealthCheckResult.Healthy("scheduler running")
                : HealthCheckResult.Unhealthy($"scheduler {status.ToString().ToLowerInvariant()}");
        }
    }

    private sealed class LoopsCheck(IEnumerable<IHostedService> services) : IHealthCheck
    {
        // A pass may take as long as a slow platform call; a loop quiet for longer than this is stuck.
        private static readonly TimeSpan Within = TimeSpan.FromMinutes(2);

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            var loops = services.OfType<ClaimLoop>().ToList();
            var stopped = loops.Where(l => !l.IsAlive(Within)).Select(l => l.GetType().Name).ToList();
            return Task.FromResult(loops.Count == 0 ? HealthCheckResult.Unhealthy("no inbox or outbox loop registered")
                : stopped.Count == 0 ? HealthCheckResult.Healthy(string.Join(", ", loops.Select(l => l.GetType().Name)) + " running")
                : HealthCheckResult.Unhealthy(string.Join(", ", stopped) + " not running"));
        }
    }
}
