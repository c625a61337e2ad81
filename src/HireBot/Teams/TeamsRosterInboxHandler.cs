using System.Text.Json;
using HireBot.Inbox;
using HireBot.Outbox;

namespace HireBot.Teams;

/// <summary>
/// Reads a roster the install event asked for, off the request path: the inbox row is written
/// while Teams waits, the connector is called by the worker (and retried on 429/5xx).
/// </summary>
public sealed class TeamsRosterInboxHandler(TeamsRoster roster) : IInboxHandler
{
    public const string InboxSource = "teams-roster";

    public string Source => InboxSource;

    /// <summary>What the install event stores: where the roster lives.</summary>
    public sealed record Request(string ServiceUrl, string? TenantId, string RosterId);

    public async Task<IReadOnlyList<OutboxMessage>> HandleAsync(InboxItem item, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<Request>(item.Payload, TeamsJson.Options) ?? throw new JsonException($"inbox row {item.Id} holds no roster request");
        var outcome = await roster.SyncAsync(request.ServiceUrl, request.TenantId, request.RosterId, ct);
        if (outcome.Result == ConnectorOutcome.Retryable)
            throw new HttpRequestException($"roster read answered {outcome.StatusCode} {outcome.ErrorCode}"); // the worker retries with backoff
        return []; // read, or refused for good (the app was removed again): nothing to say to anyone
    }

    public IReadOnlyList<OutboxMessage> GiveUp(InboxItem item) => [];
}
