using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HireBot.Telemetry;

/// <summary>
/// HireBot's own metrics and trace source. Tags carry ids of kinds (endpoint, channel, outcome),
/// never people or candidate data. Exported for Prometheus at /metrics and, when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set, over OTLP.
/// </summary>
public static class HireBotMetrics
{
    public const string Name = "HireBot";

    public static readonly Meter Meter = new(Name);
    public static readonly ActivitySource Traces = new(Name);

    /// <summary>Platform requests by endpoint and outcome (ok, rejected, error).</summary>
    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("hirebot.requests", description: "Platform requests by endpoint and outcome");

    /// <summary>Outbox deliveries by channel and result (sent, retry, failed).</summary>
    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("hirebot.outbox.deliveries", description: "Outbox delivery attempts by channel and result");

    /// <summary>429 answers from Slack, the Bot Connector and Graph.</summary>
    public static readonly Counter<long> Throttled = Meter.CreateCounter<long>("hirebot.platform.throttled", description: "Throttling answers (HTTP 429) by platform");

    /// <summary>From a reminder's due time to the sweep that wrote it to the outbox (the outbox gauges cover the rest).</summary>
    public static readonly Histogram<double> ReminderLag = Meter.CreateHistogram<double>("hirebot.reminder.lag", "s", "Delay from a reminder's due time to its outbox row");

    /// <summary>Time to compute schedule options.</summary>
    public static readonly Histogram<double> SchedulingTime = Meter.CreateHistogram<double>("hirebot.scheduling.duration", "ms", "Time to compute ranked schedule options");

    private static long _outboxDepth;
    private static double _outboxOldestAge;
    private static long _inboxDepth;
    private static double _inboxOldestAge;

    static HireBotMetrics()
    {
        Meter.CreateObservableGauge("hirebot.outbox.depth", () => Interlocked.Read(ref _outboxDepth), description: "Outbox rows due and not yet sent");
        Meter.CreateObservableGauge("hirebot.outbox.oldest_age", () => Volatile.Read(ref _outboxOldestAge), "s", "Age of the oldest due outbox row");
        Meter.CreateObservableGauge("hirebot.inbox.depth", () => Interlocked.Read(ref _inboxDepth), description: "Acknowledged requests not yet processed");
        Meter.CreateObservableGauge("hirebot.inbox.oldest_age", () => Volatile.Read(ref _inboxOldestAge), "s", "Age of the oldest acknowledged request not yet processed");
    }

    public static void SetOutbox(long depth, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _outboxDepth, depth);
        Volatile.Write(ref _outboxOldestAge, oldestAge.TotalSeconds);
    }

    public static void SetInbox(long depth, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _inboxDepth, depth);
        Volatile.Write(ref _inboxOldestAge, oldestAge.TotalSeconds);
    }
}
