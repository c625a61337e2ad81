using System.Collections.Concurrent;
using HireBot.Slack;

namespace HireBot.Tests.Fakes.Slack;

/// <summary>The host's side of the contract in tests: records what reached it and answers a set ack.</summary>
public sealed class RecordingSlackHandler : SlackRequestHandler
{
    public ConcurrentQueue<object> Received { get; } = new();

    public SlackAck NextAck { get; set; } = SlackAck.Empty;

    public override Task<SlackAck> OnCommandAsync(SlackCommand command, CancellationToken ct)
    {
        Received.Enqueue(command);
        return Task.FromResult(NextAck);
    }

    public override Task<SlackAck> OnInteractionAsync(SlackInteraction interaction, CancellationToken ct)
    {
        Received.Enqueue(interaction);
        return Task.FromResult(NextAck);
    }

    public override Task OnEventAsync(SlackEventCallback callback, CancellationToken ct)
    {
        Received.Enqueue(callback);
        return Task.CompletedTask;
    }

    public override Task OnInstalledAsync(SlackInstallation installation, CancellationToken ct)
    {
        Received.Enqueue(installation);
        return Task.CompletedTask;
    }
}
