using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HireBot.Telemetry;

public static class TelemetryExtensions
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("hirebot"))
            .WithMetrics(m =>
            {
                m.AddMeter(HireBotMetrics.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddPrometheusExporter();
                if (otlp) m.AddOtlpExporter();
            })
            .WithTracing(t =>
            {
                t.AddSource(HireBotMetrics.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp) t.AddOtlpExporter();
            });
        services.AddHostedService<OutboxGaugeSampler>();
        return services;
    }

    /// <summary>Prometheus text format at /metrics, and a request counter per platform endpoint.</summary>
    public static WebApplication UseTelemetry(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            var path = context.Request.Path.Value ?? "";
            var endpoint = path.StartsWith("/slack/", StringComparison.Ordinal) || path.StartsWith("/local/", StringComparison.Ordinal) || path == "/api/messages" ? path : null;
            if (endpoint is null) return;
            var outcome = context.Response.StatusCode switch { < 400 => "ok", 401 or 403 => "rejected", < 500 => "bad_request", _ => "error" };
            HireBotMetrics.Requests.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", outcome));
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
