namespace HireBot.Nudges;

/// <summary>One planned event of a panelist's nudges (a <c>nudge_events</c> row): reminder n, or an escalation.</summary>
public sealed record NudgeEvent(string Name, DateTimeOffset At)
{
    public const string Recruiter = "recruiter";
    public const string Manager = "manager";

    public static NudgeEvent Reminder(int number, DateTimeOffset at) => new($"reminder-{number}", at);

    public int? ReminderNumber => Name.StartsWith("reminder-", StringComparison.Ordinal) && int.TryParse(Name[9..], out var n) ? n : null;
}
