namespace HireBot.Outbox;

/// <summary>Wakes this instance's dispatcher right after a commit that wrote outbox rows, so a reply goes out in milliseconds rather than at the next poll.</summary>
public sealed class OutboxSignal : Background.WakeSignal;
