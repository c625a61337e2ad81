using System.Text.Json.Nodes;
using HireBot.Core.Charts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HireBot.Charts;

/// <summary>
/// Renders a chart, stores it and gives the card data for it: <c>{"url": signed URL, "altText": the
/// key figures in words}</c>. Rendering is local CPU work (tens of milliseconds), no third party, so it
/// may run inside the transaction that posts a digest.
/// </summary>
public sealed class ChartPublisher(ChartRenderer renderer, ChartUrls urls, IOptions<ChartOptions> options, TimeProvider clock, ILogger<ChartPublisher> logger)
{
    /// <summary>The card data for the chart, or null when no chat client could fetch it (<see cref="ChartUrls.Linkable"/>).</summary>
    public async Task<JsonObject?> PublishAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, ChartModel model, string kind, Guid? loopId, CancellationToken ct)
    {
        if (!urls.Linkable) return null;
        var chart = renderer.Render(model);
        var id = ChartUrls.NewId();
        var now = clock.GetUtcNow();
        var expires = now.AddDays(options.Value.UrlDays);
        await ChartStore.SaveAsync(conn, tx, id, kind, loopId, chart.Png, now, expires, ct);
        ChartsLog.Stored(logger, kind, loopId, chart.Png.Length);
        return new JsonObject { ["url"] = urls.UrlFor(id, expires), ["altText"] = model.AltText };
    }
}
