namespace HireBot.Core.Text;

/// <summary>A number with its noun in the right form: "1 round", "3 rounds", never "round(s)".</summary>
public static class Counted
{
    public static string Of(int count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? Plural(singular))}";

    private static string Plural(string singular) =>
        singular.EndsWith('y') && !singular.EndsWith("ay") && !singular.EndsWith("ey") ? singular[..^1] + "ies"
        : singular.EndsWith('s') || singular.EndsWith("sh") || singular.EndsWith("ch") ? singular + "es"
        : singular + "s";
}
