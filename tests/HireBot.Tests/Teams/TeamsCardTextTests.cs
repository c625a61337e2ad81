using System.Text.Json.Nodes;
using HireBot.Teams;

namespace HireBot.Tests.Teams;

public class TeamsCardTextTests
{
    [Fact]
    public void Placeholders_in_displayed_text_survive_teams_markdown_but_typed_input_is_untouched()
    {
        var card = JsonNode.Parse("""
            {"type":"AdaptiveCard","body":[
              {"type":"TextBlock","text":"Usage: schedule <candidate>"},
              {"type":"FactSet","facts":[{"title":"role add <role-id>","value":"a <b> c"}]},
              {"type":"Input.Text","id":"evidence.x","value":"latency <50 ms"}]}
            """)!.AsObject();

        TeamsCardText.ForTeams(card);

        Assert.Equal("Usage: schedule ‹candidate›", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("role add ‹role-id›", card["body"]![1]!["facts"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("a ‹b› c", card["body"]![1]!["facts"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("latency <50 ms", card["body"]![2]!["value"]!.GetValue<string>());
    }
}
