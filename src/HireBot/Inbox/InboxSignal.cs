namespace HireBot.Inbox;

/// <summary>Wakes this instance's inbox worker right after accepted requests were committed.</summary>
public sealed class InboxSignal : Background.WakeSignal;
