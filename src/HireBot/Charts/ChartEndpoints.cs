using Npgsql;

namespace HireBot.Charts;

/// <summary>
/// <c>GET /charts/{id}.png?exp=…&amp;sig=…</c>: the chart image for chat clients, which fetch it from the
/// bot's public address without any credential of ours. A bad or expired signature, and a chart that
/// was erased or has expired, all get the same 404. Served with <c>Cache-Control: private</c> up to
/// the expiry and <c>nosniff</c>.
/// </summary>
public static class ChartEndpoints
{
    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder app)
    {
        app.MapGet(ChartUrls.PathPrefix + "{id}.png", async (string id, string? exp, string? sig, HttpContext http, ChartUrls urls,
            NpgsqlDataSource db, TimeProvider clock, ILogger<ChartUrls> logger, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            if (id.Length != 22 || !urls.IsValid(id, exp, sig, now))
            {
                ChartsLog.Refused(logger);
                return Results.NotFound();
            }
            if (await ChartStore.FindAsync(db, id, now, ct) is not { } png) return Results.NotFound();
            var seconds = Math.Max(0, long.Parse(exp!, System.Globalization.CultureInfo.InvariantCulture) - now.ToUnixTimeSeconds());
            http.Response.Headers.CacheControl = $"private, max-age={Math.Min(seconds, 86400)}";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(png, "image/png");
        });
        return app;
    }
}
