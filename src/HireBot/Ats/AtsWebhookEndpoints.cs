using HireBot.Organisations;
using Quartz;

namespace HireBot.Ats;

/// <summary>
/// <c>POST /ats/{token}/webhook</c>: one URL per organisation, its token unguessable (32 random bytes,
/// made by <c>ats connect</c>). The raw body is read (capped) and its signature checked by the
/// organisation's adapter before anything is parsed; a bad or missing signature is answered 401 and
/// changes nothing. A verified delivery only starts the organisation's sync in the background
/// (<see cref="AtsSyncJob"/>): the answer never waits on the ATS.
/// </summary>
public static class AtsWebhookEndpoints
{
    private const int MaxBody = 1 << 20;

    public static IEndpointRouteBuilder MapAts(this IEndpointRouteBuilder app)
    {
        app.MapPost("/ats/{token}/webhook", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(string token, HttpRequest request, AtsConnectionStore connections, AtsImporter importer,
        ISchedulerFactory schedulers, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("HireBot.Ats.Webhook");
        if (request.ContentLength > MaxBody) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBody) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (token.Length < 20 || await connections.OrgOfTokenAsync(token, ct) is not { } org)
        {
            AtsLog.WebhookRefused(logger, "unknown webhook path");
            return Results.NotFound();
        }
        using var scope = OrgScope.Enter(org);
        if (await connections.FindAsync(ct) is not { } row || importer.AdapterFor(row.Connection.Kind) is not { } adapter)
            return Results.NotFound();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (adapter.VerifyWebhook(row.Connection, headers, buffer.ToArray()) is not { } hook)
        {
            AtsLog.WebhookRefused(logger, "bad signature");
            return Results.Unauthorized();
        }
        AtsLog.WebhookAccepted(logger, hook.Event, org);
        if (row.VerifiedAt is not null && hook.Event != "ping")
            await AtsSyncJob.TriggerAsync(await schedulers.GetScheduler(ct), clock, null, hook.ApplicationId, verify: false, ct);
        return Results.Ok();
    }
}
