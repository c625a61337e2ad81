using System.Text.Json.Nodes;
using HireBot.Organisations;
using HireBot.Outbox;

namespace HireBot.Ats;

/// <summary>
/// Checks a new connection in the background (never inside the connect command's answer): one read
/// of the ATS with the key. The admin who connected is told the outcome in chat and, when it
/// worked, where to point the ATS's webhooks; the first import follows.
/// </summary>
public sealed class AtsVerifier(AtsConnectionStore connections, AtsImporter importer, OutboxStore outbox, TimeProvider clock, ILogger<AtsVerifier> logger,
    Microsoft.Extensions.Options.IOptions<AtsOptions> options)
{
    public async Task VerifyAsync(CancellationToken ct)
    {
        if (await connections.FindAsync(ct) is not { } row) return;
        var kind = row.Connection.Kind;
        string text;
        var ok = false;
        if (importer.AdapterFor(kind) is not { } adapter)
            text = $"HireBot has no {kind} adapter yet, so the connection was stored but nothing will be imported.";
        else
        {
            try
            {
                await using var jobs = adapter.ListJobsAsync(row.Connection, ct).GetAsyncEnumerator(ct);
                await jobs.MoveNextAsync();
                await connections.MarkVerifiedAsync(clock.GetUtcNow(), ct);
                ok = true;
                var url = $"{(options.Value.PublicUrl ?? "https://<this bot's public address>").TrimEnd('/')}/ats/{row.WebhookToken}/webhook";
                text = $"Connected to {kind}: the API key works. In {kind}, add a webhook to {url} with the secret key you were given, " +
                       $"for {Events(kind)}. The first import is running now.";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Any failure, not only the ATS's own: the admin was promised an answer.
                await connections.MarkErrorAsync($"The key check failed: {e.Message}", ct);
                text = $"Could not connect to {kind}: {e.Message} Run `ats connect` again with a working key.";
            }
        }
        AtsLog.Verified(logger, kind, ok);
        await outbox.EnqueueAsync([new OutboxMessage($"ats-verify:{row.WebhookToken}:{clock.GetUtcNow().ToUnixTimeSeconds()}",
            Recipients.Person(row.ConnectedBy), "message", new JsonObject { ["text"] = text })], ct);
        if (ok) await importer.ImportAsync(null, null, ct);
    }

    /// <summary>The webhook events to subscribe to, as the ATS names them in its settings.</summary>
    private static string Events(string kind) => kind == Ashby.AshbyAdapter.KindName
        ? "each of applicationSubmit, applicationUpdate, candidateStageChange, candidateHire, interviewScheduleCreate, interviewScheduleUpdate, jobCreate and jobUpdate (one webhook per event type)"
        : "new applications, stage changes, application updates and interview deletions";
}
