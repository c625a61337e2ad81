namespace HireBot.Hiring;

/// <summary>
/// How a person is shown everywhere (schedule options, booking confirmations, status, digests,
/// nudge replies): their name ("Grace Hopper"), or their email when no name is known. The email
/// is added only where the reader has to act on it (someone the bot could not reach).
/// </summary>
public static class PersonName
{
    public static string Of(string email, string? displayName) =>
        displayName is { Length: > 0 } && !string.Equals(displayName, email, StringComparison.OrdinalIgnoreCase) ? displayName : email;

    /// <summary>"Grace Hopper (grace@example.com)", for someone the reader must contact themselves.</summary>
    public static string WithEmail(string email, string? displayName) =>
        Of(email, displayName) is var name && name != email ? $"{name} ({email})" : email;
}
