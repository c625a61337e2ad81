using HireBot.Tests.Cards;

namespace HireBot.Tests.Docs;

/// <summary>The README promises only what the bot shows: its digest line is checked against DigestCard's wording.</summary>
public class ReadmeClaimsTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(CardSamples.RepoRoot, "README.md"));
    private static readonly string DigestCard = File.ReadAllText(Path.Combine(CardSamples.RepoRoot, "src", "HireBot", "Decisions", "DigestCard.cs"));

    [Fact]
    public void The_readme_does_not_promise_a_probability_the_digest_only_gives_for_a_clear_verdict()
    {
        Assert.DoesNotContain("P(true score ≥ bar)", Readme);
        Assert.DoesNotContain("also gives P(", Readme);
    }

    [Theory]
    [InlineData("that the true score clears the hire bar")]
    [InlineData("that the true score is below the no-hire bar")]
    [InlineData("\"Low: ")]
    public void The_readme_quotes_the_confidence_wording_the_digest_uses(string wording)
    {
        Assert.Contains(wording, DigestCard);
        Assert.Contains(wording.Trim('"'), System.Text.RegularExpressions.Regex.Replace(Readme, @"\s+", " "));
    }
}
