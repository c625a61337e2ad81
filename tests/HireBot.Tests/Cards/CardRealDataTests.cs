using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Teams;

namespace HireBot.Tests.Cards;

/// <summary>
/// Issue 12, item 6: every template bound to data built the way the features build it (CLR ints,
/// doubles, bools, empty lists, long text) renders for Teams and for Slack, exactly as the same data
/// read back from JSON would. The official parser and templating package check the same cases in
/// <see cref="OfficialCardLibraryTests"/>.
/// </summary>
public class CardRealDataTests
{
    private static readonly CardCatalog Catalog = CardSamples.Catalog();

    public static TheoryData<string> Cases => new(CardRealData.All().Select(c => c.Case));

    private static (string Template, JsonObject Data) Case(string name) =>
        CardRealData.All().Where(c => c.Case == name).Select(c => (c.Template, c.Data)).Single();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Data_built_in_code_binds_completely_and_like_its_json(string name)
    {
        var (template, data) = Case(name);

        var bound = Catalog.Bind(template, data);
        var fromJson = Catalog.Bind(template, JsonNode.Parse(data.ToJsonString()));

        Assert.Empty(bound.Unresolved);
        Assert.DoesNotContain("${", bound.Card.ToJsonString());
        Assert.True(JsonNode.DeepEquals(fromJson.Card, bound.Card), bound.Card.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Data_built_in_code_renders_for_Teams_and_for_Slack(string name)
    {
        var (template, data) = Case(name);
        var card = Catalog.Bind(template, data).Card;

        var teams = TeamsCardText.ForTeams((JsonObject)card.DeepClone());
        Assert.Equal("AdaptiveCard", (string?)teams["type"]);
        Assert.NotEmpty(teams["body"]!.AsArray());

        var translator = new BlockKitTranslator();
        var modal = translator.ToModal(card, template);
        Assert.InRange(modal["blocks"]!.AsArray().Count, 1, BlockKitLimits.ModalBlocks);
        if (!card.ToJsonString().Contains("\"Input.", StringComparison.Ordinal))
        {
            var message = translator.ToMessage(card);
            Assert.InRange(message["blocks"]!.AsArray().Count, 1, BlockKitLimits.MessageBlocks);
            Assert.InRange(message["text"]!.GetValue<string>().Length, 1, BlockKitLimits.MessageText);
        }
    }

    [Fact]
    public void Every_template_has_real_data_cases() =>
        Assert.Equal(CardNames.All.Order(), CardRealData.All().Select(c => c.Template).Distinct().Order());
}
