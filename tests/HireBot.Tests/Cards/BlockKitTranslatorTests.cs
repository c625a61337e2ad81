using System.Text.Json.Nodes;
using HireBot.Cards;

namespace HireBot.Tests.Cards;

public class BlockKitTranslatorTests
{
    private readonly BlockKitTranslator _translator = new();

    [Fact]
    public void Nudge_becomes_header_section_context_and_buttons_carrying_verb_and_data()
    {
        var message = _translator.ToMessage(CardSamples.Bound("nudge"));

        var expected = JsonNode.Parse("""
        {
          "text": "Scorecard reminder 2 of 3",
          "blocks": [
            { "type": "header", "text": { "type": "plain_text", "text": "Scorecard reminder 2 of 3" } },
            { "type": "section", "text": { "type": "mrkdwn", "text": "Your scorecard for Ada Lovelace (System design) is due today at 17:00." } },
            { "type": "context", "elements": [ { "type": "mrkdwn", "text": "Scores written soon after the interview are more accurate." } ] },
            { "type": "actions", "elements": [
              { "type": "button", "text": { "type": "plain_text", "text": "Open scorecard" }, "action_id": "scorecard.open", "value": "{\"interviewId\":\"iv-7f3a\"}" },
              { "type": "button", "text": { "type": "plain_text", "text": "Snooze 2 h" }, "action_id": "nudge.snooze", "value": "{\"interviewId\":\"iv-7f3a\",\"hours\":2}" }
            ] }
          ]
        }
        """);
        Assert.True(JsonNode.DeepEquals(expected, message), message.ToJsonString());
    }

    [Fact]
    public void Facts_become_section_fields_and_separators_become_dividers()
    {
        var blocks = _translator.ToMessage(CardSamples.Bound("digest"))["blocks"]!.AsArray();

        var facts = blocks[3]!;
        Assert.Equal("section", (string?)facts["type"]);
        Assert.Equal("*Decision*\nHire", (string?)facts["fields"]![0]!["text"]);
        Assert.Equal("*Weighted score*\n3.2 (2.8–3.6)", (string?)facts["fields"]![2]!["text"]);
        Assert.Equal("divider", (string?)blocks[4]!["type"]);
        Assert.Equal("*Technical (45%): 3.3 (2.9–3.7)*", (string?)blocks[5]!["text"]!["text"]);
        Assert.Contains(blocks, b => (string?)b!["text"]?["text"] == "*Risk flags*\n• Reliability: panelists split 2 and 4");
    }

    [Fact]
    public void Scorecard_modal_has_inputs_keyed_by_input_id_and_submit_data_in_private_metadata()
    {
        var view = _translator.ToModal(CardSamples.Bound("scorecard.errors"), "scorecard");

        Assert.Equal("modal", (string?)view["type"]);
        Assert.Equal("Scorecard", (string?)view["title"]!["text"]);
        Assert.Equal("Submit scorecard", (string?)view["submit"]!["text"]);
        Assert.Equal("""{"verb":"scorecard.submit","data":{"interviewId":"iv-7f3a"}}""", (string?)view["private_metadata"]);
        var inputs = view["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "input").ToDictionary(b => (string)b!["block_id"]!);
        Assert.Equal(["rating.system-design", "evidence.system-design", "rating.reliability", "evidence.reliability", "redFlags", "recommendation"], inputs.Keys);

        var rating = inputs["rating.system-design"]!["element"]!;
        Assert.Equal("static_select", (string?)rating["type"]);
        Assert.Equal("rating.system-design", (string?)rating["action_id"]);
        Assert.Equal(4, rating["options"]!.AsArray().Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"text":{"type":"plain_text","text":"3 · Solid"},"value":"3"}"""), rating["initial_option"]));
        Assert.False((bool)inputs["rating.system-design"]!["optional"]!);

        var evidence = inputs["evidence.reliability"]!["element"]!;
        Assert.Equal("plain_text_input", (string?)evidence["type"]);
        Assert.True((bool)evidence["multiline"]!);
        Assert.Equal("Mentioned idempotency keys.", (string?)evidence["initial_value"]);

        var flags = inputs["redFlags"]!;
        Assert.True((bool)flags["optional"]!);
        Assert.Equal("multi_static_select", (string?)flags["element"]!["type"]);
        Assert.Equal(["no-analysis", "tests-optional"], flags["element"]!["initial_options"]!.AsArray().Select(o => (string)o!["value"]!));
        Assert.Contains(view["blocks"]!.AsArray(), b => (string?)b!["text"]?["text"] == "Choose a rating for Reliability.");
    }

    [Fact]
    public void First_render_of_a_scorecard_has_no_initial_values()
    {
        var view = _translator.ToModal(CardSamples.Bound("scorecard"), "scorecard");
        var elements = view["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "input").Select(b => b!["element"]!.AsObject());
        Assert.All(elements, e => Assert.False(e.ContainsKey("initial_value") || e.ContainsKey("initial_option") || e.ContainsKey("initial_options")));
    }

    [Fact]
    public void Same_verb_twice_in_one_block_gets_a_unique_action_id()
    {
        var card = Card("""[{"type":"ActionSet","actions":[{"type":"Action.Execute","verb":"pick","title":"A","data":{"o":1}},{"type":"Action.Execute","verb":"pick","title":"B","data":{"o":2}}]}]""");
        var buttons = _translator.ToMessage(card)["blocks"]![0]!["elements"]!.AsArray();
        Assert.Equal(["pick", "pick#2"], buttons.Select(b => (string)b!["action_id"]!));
    }

    [Theory]
    [InlineData("""[{"type":"Media","sources":[{"mimeType":"video/mp4","url":"https://example.org/a.mp4"}]}]""", "Media")]
    [InlineData("""[{"type":"ColumnSet","columns":[]}]""", "ColumnSet")]
    [InlineData("""[{"type":"ActionSet","actions":[{"type":"Action.ShowCard","title":"More"}]}]""", "Action.ShowCard")]
    [InlineData("""[{"type":"Input.Text","id":"x","label":"X"}]""", "modal")]
    public void An_element_without_a_Block_Kit_form_throws_a_clear_error(string body, string mentioned)
    {
        var error = Assert.Throws<BlockKitTranslationException>(() => _translator.ToMessage(Card(body)));
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_modal_with_inputs_but_no_submit_action_throws()
    {
        var card = Card("""[{"type":"Input.Text","id":"x","label":"X"}]""");
        Assert.Throws<BlockKitTranslationException>(() => _translator.ToModal(card, "cb"));
    }

    internal static JsonObject Card(string body, string actions = "[]") =>
        JsonNode.Parse($$"""{"type":"AdaptiveCard","version":"1.5","body":{{body}},"actions":{{actions}}}""")!.AsObject();
}
