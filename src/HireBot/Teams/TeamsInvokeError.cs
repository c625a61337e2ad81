namespace HireBot.Teams;

/// <summary>The <c>value</c> of an <c>application/vnd.microsoft.error</c> invoke response.</summary>
public sealed record TeamsInvokeError(string Code, string Message);
