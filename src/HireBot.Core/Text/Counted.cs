namespace HireBot.Core.Text;

/// <summary>A number with its noun in the right form: "1 round", "3 rounds", never "round(s)".</summary>
public static class Counted
{
    public static string Of(int count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? Plural(singular))}";

    private static string Plural(string singular) =>
        singular.EndsWith('y') && !singular.EndsWith("ay", StringComparison.Ordinal) && !singular.EndsWith("ey", StringComparison.Ordinal) ? singular[..^1] + "ies"
        : singular.EndsWith('s') || singular.EndsWith("sh", StringComparison.Ordinal) || singular.EndsWith("ch", StringComparison.Ordinal) ? singular + "es"
        : singular + "s";
}
