using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using HireBot.Cards;
using HireBot.Outbox;
using Npgsql;

namespace HireBot.Local;

/// <summary>
/// The channel used when no platform is configured (and by the demo): it "posts" by recording
/// the message in local_messages, which the demo prints and tests read. The unique outbox id
/// makes a redelivered row land once. An answer to a local command or click
/// (<see cref="LocalInboxHandler.ReplyField"/>) is recorded with the request it answers and the
/// reply as the command returned it, and wakes the long polls waiting for it. <c>Local__MessagesPerSecond</c> (default 0, unlimited)
/// makes it pace sends like a platform's rate limit, for the nudge benchmark.
/// </summary>
public sealed class LocalChannelClient(HireBot.Organisations.OrgDb db, MessageRenderer renderer, LocalDeliveries deliveries, IConfiguration configuration) : IChannelClient
{
    private readonly RateLimiter? _limit = Limiter(configuration.GetValue("Local:MessagesPerSecond", 0.0));

    public string Channel => "local";

    public async Task<DeliveryResult> DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        using var lease = _limit is null ? null : await _limit.AcquireAsync(1, cancellationToken);
        var data = delivery.Data;
        JsonObject? reply = null;
        string? replyTo = null;
        if (data[LocalInboxHandler.ReplyField] is JsonObject meta)
        {
            data = (JsonObject)data.DeepClone();
            data.Remove(LocalInboxHandler.ReplyField);
            replyTo = meta["request"]?.GetValue<string>();
            reply = new JsonObject
            {
                ["kind"] = delivery.Kind, ["data"] = data.DeepClone(), ["isError"] = meta["isError"]?.DeepClone(),
                ["public"] = meta["public"]?.DeepClone(), ["replaces"] = meta["replaces"]?.DeepClone(),
            };
        }
        var card = renderer.Render(delivery.Kind, data);
        await using var cmd = db.CreateCommand(
            """
            INSERT INTO local_messages (outbox_id, recipient, kind, card, updates, reply_to, reply)
            VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb)
            ON CONFLICT (outbox_id) DO UPDATE SET outbox_id = EXCLUDED.outbox_id
            RETURNING id
            """);
        cmd.Parameters.Add(new() { Value = delivery.Id });
        cmd.Parameters.Add(new() { Value = delivery.Recipient });
        cmd.Parameters.Add(new() { Value = delivery.Kind });
        cmd.Parameters.Add(new() { Value = card.ToJsonString() });
        cmd.Parameters.Add(new() { Value = delivery.Replaces?["localId"]?.GetValue<long>() is { } replaced ? replaced : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new() { Value = (object?)replyTo ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)reply?.ToJsonString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var id = (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        deliveries.Notify();
        return new DeliveryResult.Sent(Channel, new JsonObject { ["localId"] = id });
    }

    // Tokens refill every 50 ms so the pace is even rather than a burst at each second.
    private static TokenBucketRateLimiter? Limiter(double perSecond) => perSecond <= 0 ? null : new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, (int)Math.Round(perSecond / 20)),
        TokensPerPeriod = Math.Max(1, (int)Math.Round(perSecond / 20)),
        ReplenishmentPeriod = TimeSpan.FromMilliseconds(50),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });
}
