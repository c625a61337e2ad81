namespace HireBot.Core.People;

/// <summary>
/// Someone HireBot talks to, keyed by work email: the email joins Graph (calendar), Slack
/// (users.lookupByEmail) and Teams (learned from activities).
/// </summary>
public sealed record Person(string Email, string DisplayName, string TimeZoneId, WorkingHours WorkingHours)
{
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
