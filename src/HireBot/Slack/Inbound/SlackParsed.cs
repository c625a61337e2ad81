using System.Diagnostics.CodeAnalysis;

namespace HireBot.Slack;

/// <summary>A parse outcome: a value, or a short reason safe to log and return in a 400 (never echoes input).</summary>
public readonly record struct SlackParsed<T>(T? Value, string? Error)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Ok => Value is not null;

    public static SlackParsed<T> Success(T value) => new(value, null);

    public static SlackParsed<T> Fail(string error) => new(null, error);
}
