namespace HireBot.Teams;

/// <summary>The JSON body of an invoke response.</summary>
public sealed record TeamsInvokeResponseBody(int StatusCode, string Type, object? Value);
