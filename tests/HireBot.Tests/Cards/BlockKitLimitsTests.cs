using System.Text.Json.Nodes;
using HireBot.Cards;

namespace HireBot.Tests.Cards;

public class BlockKitLimitsTests
{
    private readonly BlockKitTranslator _translator = new();

    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly10!", 10, "exactly10!")]
    [InlineData("eleven char", 10, "eleven ch…")]
    [InlineData("ab😀cd", 3, "ab…")] // never splits a surrogate pair
    [InlineData("a &amp; b", 6, "a …")] // nor one of Slack's escapes: a bare & would remain
    [InlineData("a &lt; b", 5, "a …")]
    [InlineData("a &gt; b", 8, "a &gt; b")]
    [InlineData("a &amp; b", 8, "a &amp;…")]
    public void Truncate_keeps_within_the_limit_with_an_ellipsis(string text, int max, string expected) =>
        Assert.Equal(expected, BlockKitLimits.Truncate(text, max));

    [Fact]
    public void Long_texts_are_cut_to_Slack_limits()
    {
        var long5000 = new string('x', 5000);
        var card = BlockKitTranslatorTests.Card(
            $$"""[{"type":"TextBlock","text":"{{long5000}}","style":"heading"},{"type":"TextBlock","text":"{{long5000}}"},{"type":"FactSet","facts":[{"title":"t","value":"{{long5000}}"}]}]""",
            $$"""[{"type":"Action.Execute","verb":"v","title":"{{long5000[..100]}}"}]""");
        var blocks = _translator.ToMessage(card)["blocks"]!.AsArray();

        Assert.Equal(BlockKitLimits.HeaderText, ((string)blocks[0]!["text"]!["text"]!).Length);
        Assert.Equal(BlockKitLimits.SectionText, ((string)blocks[1]!["text"]!["text"]!).Length);
        Assert.Equal(BlockKitLimits.FieldText, ((string)blocks[2]!["fields"]![0]!["text"]!).Length);
        Assert.Equal(BlockKitLimits.ButtonText, ((string)blocks[3]!["elements"]![0]!["text"]!["text"]!).Length);
    }

    [Fact]
    public void Many_facts_are_split_into_sections_of_ten_fields()
    {
        var facts = string.Join(",", Enumerable.Range(1, 23).Select(i => $$"""{"title":"t{{i}}","value":"v"}"""));
        var blocks = _translator.ToMessage(BlockKitTranslatorTests.Card($$"""[{"type":"FactSet","facts":[{{facts}}]}]"""))["blocks"]!.AsArray();
        Assert.Equal([10, 10, 3], blocks.Select(b => b!["fields"]!.AsArray().Count));
    }

    [Fact]
    public void A_message_over_fifty_blocks_keeps_its_header_and_buttons_and_says_content_was_left_out()
    {
        var items = string.Join(",", Enumerable.Range(1, 80).Select(i => $$"""{"type":"TextBlock","text":"item {{i}}","isSubtle":true}"""));
        var card = BlockKitTranslatorTests.Card(
            $$"""[{"type":"TextBlock","text":"Title","style":"heading"},{{items}}]""",
            """[{"type":"Action.Execute","verb":"go","title":"Go","data":{}}]""");
        var blocks = _translator.ToMessage(card)["blocks"]!.AsArray();

        Assert.Equal(BlockKitLimits.MessageBlocks, blocks.Count);
        Assert.Equal("header", (string?)blocks[0]!["type"]);
        Assert.Equal("actions", (string?)blocks[^1]!["type"]);
        Assert.Equal("Some details were left out to fit Slack.", (string?)blocks[^2]!["elements"]![0]!["text"]);
        Assert.Equal("item 1", (string?)blocks[1]!["elements"]![0]!["text"]);
    }

    [Fact]
    public void Select_options_are_capped_at_one_hundred_with_option_text_cut()
    {
        var choices = string.Join(",", Enumerable.Range(1, 150).Select(i => $$"""{"title":"{{new string('o', 90)}}","value":"v{{i}}"}"""));
        var card = BlockKitTranslatorTests.Card(
            $$"""[{"type":"Input.ChoiceSet","id":"c","label":"C","choices":[{{choices}}]}]""",
            """[{"type":"Action.Execute","verb":"s","title":"Save","data":{}}]""");
        var view = _translator.ToModal(card, "cb");
        var options = view["blocks"]![0]!["element"]!["options"]!.AsArray();

        Assert.Equal(BlockKitLimits.Options, options.Count);
        Assert.All(options, o => Assert.Equal(BlockKitLimits.OptionText, ((string)o!["text"]!["text"]!).Length));
    }

    [Fact]
    public void Modal_title_and_buttons_are_cut_to_twenty_four_characters()
    {
        var card = BlockKitTranslatorTests.Card(
            """[{"type":"TextBlock","text":"A title that is far too long for Slack","style":"heading"}]""",
            """[{"type":"Action.Execute","verb":"s","title":"A submit label that is too long","data":{}}]""");
        var view = _translator.ToModal(card, "cb");
        Assert.Equal("A title that is far too…", (string?)view["title"]!["text"]);
        Assert.Equal(BlockKitLimits.ModalButton, ((string)view["submit"]!["text"]!).Length);
    }

    [Fact]
    public void Action_data_too_large_for_private_metadata_fails_instead_of_being_cut()
    {
        var big = new string('x', 3000);
        var card = BlockKitTranslatorTests.Card("[]", $$$"""[{"type":"Action.Execute","verb":"s","title":"S","data":{"x":"{{{big}}}"}}]""");
        var error = Assert.Throws<BlockKitTranslationException>(() => _translator.ToModal(card, "cb"));
        Assert.Contains("private_metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_digest_chart_is_an_image_block_above_the_text_within_Slack_limits()
    {
        var data = CardSamples.Data("digest.chart").AsObject();
        data["chart"]!["altText"] = new string('a', 2500);
        var blocks = _translator.ToMessage(CardSamples.Catalog().Bind("digest", data).Card)["blocks"]!.AsArray();

        var image = blocks.Single(b => (string?)b!["type"] == "image")!;
        Assert.Equal((string?)data["chart"]!["url"], (string?)image["image_url"]);
        Assert.Equal(BlockKitLimits.AltText, ((string)image["alt_text"]!).Length);
        Assert.True(blocks.IndexOf(image) < blocks.IndexOf(blocks.First(b => b!["fields"] is not null)), "the picture comes before the figures");
        Assert.True(blocks.Count <= BlockKitLimits.MessageBlocks);
        Assert.Contains(blocks, b => b!.ToJsonString().Contains("System design", StringComparison.Ordinal)); // the text stays
    }

    [Theory]
    [InlineData("charts/x.png")]
    [InlineData("javascript:alert(1)")]
    public void An_image_without_an_absolute_http_url_is_refused(string url) =>
        Assert.Throws<BlockKitTranslationException>(() => _translator.ToMessage(BlockKitTranslatorTests.Card(
            $$"""[{"type":"Image","url":"{{url}}","altText":"a chart"}]""")));
}
