namespace HireBot.Calendar;

/// <summary>Result of changing or cancelling an event.</summary>
public enum EventChangeOutcome
{
    Done,
    NotFound,
}
