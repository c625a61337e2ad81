using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Outbox;
using Npgsql;

namespace HireBot.Local;

/// <summary>
/// The channel used when no platform is configured (and by the demo): it "posts" by recording
/// the message in local_messages, which the demo prints and tests read. The unique outbox id
/// makes a redelivered row land once.
/// </summary>
public sealed class LocalChannelClient(NpgsqlDataSource db, MessageRenderer renderer) : IChannelClient
{
    public string Channel => "local";

    public async Task<DeliveryResult> DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var card = renderer.Render(delivery.Kind, delivery.Data);
        await using var cmd = db.CreateCommand(
            """
            INSERT INTO local_messages (outbox_id, recipient, kind, card, updates)
            VALUES ($1, $2, $3, $4::jsonb, $5)
            ON CONFLICT (outbox_id) DO UPDATE SET outbox_id = EXCLUDED.outbox_id
            RETURNING id
            """);
        cmd.Parameters.Add(new() { Value = delivery.Id });
        cmd.Parameters.Add(new() { Value = delivery.Recipient });
        cmd.Parameters.Add(new() { Value = delivery.Kind });
        cmd.Parameters.Add(new() { Value = card.ToJsonString() });
        cmd.Parameters.Add(new() { Value = delivery.Replaces?["localId"]?.GetValue<long>() is { } replaced ? replaced : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        var id = (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        return new DeliveryResult.Sent(Channel, new JsonObject { ["localId"] = id });
    }
}
