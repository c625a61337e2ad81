using System.Text.Json.Nodes;
using HireBot.Cards;

namespace HireBot.Tests.Cards;

/// <summary>Issue 12, item 5: features write one neutral text; each platform gets its own formatting.</summary>
public class PlatformFormattingTests
{
    private static readonly CardCatalog Catalog = CardSamples.Catalog();

    [Theory]
    [InlineData("**Backend** (`be-sr`)", "*Backend* (`be-sr`)", "**Backend** (be-sr)")]
    [InlineData("Pools:\n- `backend`: 4\n- `senior`: 2\nRecruiters: rita", "Pools:\n• `backend`: 4\n• `senior`: 2\nRecruiters: rita", "Pools:\n\n- backend: 4\r- senior: 2\n\nRecruiters: rita")]
    [InlineData("Roles:\n• a\n• b", "Roles:\n• a\n• b", "Roles:\n\n- a\r- b")]
    [InlineData("Loop:\n1. Screen\n2. Coding\nDone", "Loop:\n1. Screen\n2. Coding\nDone", "Loop:\n\n1. Screen\r2. Coding\n\nDone")]
    [InlineData("one\ntwo\r\n\nthree", "one\ntwo\n\nthree", "one\n\ntwo\n\nthree")]
    [InlineData("A & B <c@d.e>", "A &amp; B &lt;c@d.e&gt;", "A & B <c@d.e>")]
    public void Neutral_text_becomes_slack_mrkdwn_and_teams_markdown(string neutral, string slack, string teams)
    {
        Assert.Equal(slack, NeutralText.ToSlack(neutral));
        Assert.Equal(teams, NeutralText.ToTeams(neutral));
    }

    [Fact]
    public void A_bold_line_in_slack_is_bold_line_by_line_without_doubled_stars() =>
        Assert.Equal("*Option 1: all on Tuesday*\n*• and &lt;more&gt;*", NeutralText.ToSlackBold("Option 1: **all** on Tuesday\n- and <more>"));

    public static TheoryData<string> Cases => new(CardRealData.All().Select(c => c.Case));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_card_of_the_catalog_follows_each_platforms_formatting_rules(string name)
    {
        var (_, template, data) = CardRealData.All().Single(c => c.Case == name);
        PlatformFormatting.AssertRendersNatively(Catalog.Bind(template, data).Card, template);
    }

    [Fact]
    public void Role_show_in_teams_keeps_its_title_bold_and_each_list_item_on_its_own_line()
    {
        var text = "**Backend Engineer** (`be`)\nRubric:\n• Technical (0.45): Coding\nLoop:\n1. Screen, 30 min\n2. Coding, 60 min\nPools:\n• `backend`: 4 interviewers\n• `behavioral`: 1 interviewers\nRecruiters: rita@example.com";
        var card = Catalog.Bind(CardNames.Message, new JsonObject { ["text"] = text }).Card;

        var teams = (string)HireBot.Teams.TeamsCardText.ForTeams(card)["body"]![0]!["text"]!;

        Assert.Equal("**Backend Engineer** (be)\n\nRubric:\n\n- Technical (0.45): Coding\n\nLoop:\n\n1. Screen, 30 min\r2. Coding, 60 min\n\nPools:\n\n- backend: 4 interviewers\r- behavioral: 1 interviewers\n\nRecruiters: rita@example.com", teams);
    }
}
