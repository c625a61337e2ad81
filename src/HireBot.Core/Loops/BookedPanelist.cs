namespace HireBot.Core.Loops;

/// <summary>Someone on an interview's panel (a shadow is a trainee who observes) and their answer to the invitation.</summary>
public sealed record BookedPanelist(string Email, bool IsShadow, string Response);
