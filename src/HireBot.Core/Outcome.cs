namespace HireBot.Core;

/// <summary>
/// The result of an operation whose failure is an expected outcome (bad input, an illegal
/// transition), not an exception: either a value or a message a person can act on.
/// </summary>
public readonly record struct Outcome<T>
{
    public T? Value { get; }
    public string? Error { get; }
    public bool IsOk => Error is null;

    private Outcome(T? value, string? error) { Value = value; Error = error; }

    public static Outcome<T> Ok(T value) => new(value, null);
    public static Outcome<T> Fail(string error) => new(default, error);

    public static implicit operator Outcome<T>(T value) => Ok(value);
}
