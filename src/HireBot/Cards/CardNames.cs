namespace HireBot.Cards;

/// <summary>Names of the templates in /cards (file name without .json); the data shape of each is in cards/README.md.</summary>
public static class CardNames
{
    public const string Help = "help";
    public const string Message = "message";
    public const string Kit = "kit";
    public const string Scorecard = "scorecard";
    public const string ScorecardSubmitted = "scorecard-submitted";
    public const string Nudge = "nudge";
    public const string Digest = "digest";
    public const string ScheduleOptions = "schedule-options";
    public const string Replacement = "replacement";
    public const string Decision = "decision";

    public static readonly IReadOnlyList<string> All =
        [Help, Message, Kit, Scorecard, ScorecardSubmitted, Nudge, Digest, ScheduleOptions, Replacement, Decision];
}
