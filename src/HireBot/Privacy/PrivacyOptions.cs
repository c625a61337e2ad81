namespace HireBot.Privacy;

/// <summary>
/// <c>Privacy__RetentionDays</c>: erase a candidate this many days after their loop's decision
/// (off when unset). <c>Privacy__SweepMinutes</c>: how often the clustered retention job looks.
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    public int? RetentionDays { get; set; }

    public double SweepMinutes { get; set; } = 60;
}
