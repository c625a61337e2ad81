using System.Text.Json.Nodes;

namespace HireBot.Tests.Cards;

public class OfficialCardLibraryTests(OfficialCardLibraries official) : IClassFixture<OfficialCardLibraries>
{
    public static TheoryData<string> Samples => new(CardSamples.All().Select(s => s.Sample).Concat(CardRealData.All().Select(c => c.Case)));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Our_binding_equals_the_official_templating_package(string sample)
    {
        var ours = official.Ours[sample];
        Assert.Empty(ours.Unresolved);
        var expected = official.Official[sample].Expanded;
        Assert.True(JsonNode.DeepEquals(expected, ours.Card), $"official: {expected.ToJsonString()}\nours:     {ours.Card.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_bound_card_passes_the_official_parser_without_errors(string sample) =>
        Assert.Empty(official.Official[sample].Errors);

    [Fact]
    public void Every_template_has_at_least_one_sample() =>
        Assert.Equal(HireBot.Cards.CardNames.All.Order(), CardSamples.All().Select(s => s.Template).Distinct().Order());
}
