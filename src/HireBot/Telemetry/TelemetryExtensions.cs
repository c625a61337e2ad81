using Microsoft.AspNetCore.Routing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HireBot.Telemetry;

public static class TelemetryExtensions
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("hirebot"))
            .WithMetrics(m =>
            {
                m.AddMeter(HireBotMetrics.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddPrometheusExporter();
                if (otlp) m.AddOtlpExporter();
            });
        // Traces have nowhere to go but OTLP: without an endpoint no span is recorded at all,
        // rather than built on every request and thrown away.
        if (otlp)
            telemetry.WithTracing(t => t.AddSource(HireBotMetrics.Name).AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                    activity.SetTag("url.full", SecretFreeUrl(request.RequestUri)))
                .AddOtlpExporter());
        services.AddHostedService<QueueGaugeSampler>();
        return services;
    }

    /// <summary>
    /// An outbound URL as spans may keep it: scheme, host and port only. Paths carry secrets and people
    /// (a Slack response_url is a credential; Graph paths name mailboxes).
    /// </summary>
    public static string? SecretFreeUrl(Uri? uri) => uri is { IsAbsoluteUri: true } ? $"{uri.Scheme}://{uri.Authority}/" : null;

    /// <summary>Prometheus text format at /metrics, and a request counter per platform endpoint.</summary>
    public static WebApplication UseTelemetry(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            // The matched route, never the raw path: a stranger requesting random URLs must not mint new series.
            var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            if (endpoint is null || !(endpoint.StartsWith("/slack/", StringComparison.Ordinal) || endpoint.StartsWith("/local/", StringComparison.Ordinal)
                                     || endpoint == "/api/messages")) return;
            var outcome = context.Response.StatusCode switch { < 400 => "ok", 401 or 403 => "rejected", < 500 => "bad_request", _ => "error" };
            HireBotMetrics.Requests.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", outcome));
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
