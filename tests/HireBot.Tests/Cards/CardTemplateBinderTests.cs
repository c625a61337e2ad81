using System.Text.Json.Nodes;
using HireBot.Cards;

namespace HireBot.Tests.Cards;

public class CardTemplateBinderTests
{
    private readonly CardTemplateBinder _binder = new();

    [Theory]
    [InlineData("""{"v":"${n}"}""", """{"n":3}""", """{"v":3}""")]
    [InlineData("""{"v":"${flag}"}""", """{"flag":true}""", """{"v":true}""")]
    [InlineData("""{"v":"${o}"}""", """{"o":{"a":[1]}}""", """{"v":{"a":[1]}}""")]
    [InlineData("""{"v":"${nothing}"}""", """{"nothing":null}""", """{"v":null}""")]
    [InlineData("""{"v":"n=${n}, f=${f}, b=${b}"}""", """{"n":3,"f":2.5,"b":false}""", """{"v":"n=3, f=2.5, b=false"}""")]
    [InlineData("""{"v":"${a.b.c} ${list[1]}"}""", """{"a":{"b":{"c":"deep"}},"list":["x","y"]}""", """{"v":"deep y"}""")]
    [InlineData("""{"v":"no expressions here"}""", """{}""", """{"v":"no expressions here"}""")]
    public void Property_binding_keeps_the_type_of_a_whole_expression_and_interpolates_inside_text(string template, string data, string expected) =>
        AssertBinds(template, data, expected);

    [Theory]
    [InlineData("""{"items":[{"$data":"${people}","t":"${name}"}]}""", """{"people":[{"name":"A"},{"name":"B"}]}""", """{"items":[{"t":"A"},{"t":"B"}]}""")]
    [InlineData("""{"items":[{"$data":"${tags}","t":"${$index}:${$data}"}]}""", """{"tags":["x","y"]}""", """{"items":[{"t":"0:x"},{"t":"1:y"}]}""")]
    [InlineData("""{"items":[{"$data":"${empty}","t":"1"},{"t":"2"}]}""", """{"empty":[]}""", """{"items":[{"t":"2"}]}""")]
    [InlineData("""{"item":{"$data":"${person}","t":"${name} of ${$root.team}"}}""", """{"team":"Core","person":{"name":"A"}}""", """{"item":{"t":"A of Core"}}""")]
    [InlineData("""{"rows":[{"$data":"${groups}","cells":[{"$data":"${members}","t":"${$root.x}${name}"}]}]}""", """{"x":"-","groups":[{"members":[{"name":"a"},{"name":"b"}]},{"members":[{"name":"c"}]}]}""", """{"rows":[{"cells":[{"t":"-a"},{"t":"-b"}]},{"cells":[{"t":"-c"}]}]}""")]
    public void Data_rescopes_objects_and_repeats_them_over_arrays(string template, string data, string expected) =>
        AssertBinds(template, data, expected);

    [Theory]
    [InlineData("${exists(a)}", """{"a":"x"}""", true)]
    [InlineData("${exists(a)}", """{"a":null}""", false)]
    [InlineData("${exists(a)}", """{}""", false)]
    [InlineData("${flag}", """{"flag":true}""", true)]
    [InlineData("${flag}", """{"flag":"true"}""", false)] // only boolean true keeps an element, as in the JS package
    [InlineData("${!flag}", """{"flag":false}""", true)]
    [InlineData("${!missing}", """{}""", true)]
    [InlineData("${!name}", """{"name":"x"}""", false)]
    [InlineData("${s == 'y'}", """{"s":"y"}""", true)]
    [InlineData("${s != 'y'}", """{"s":"y"}""", false)]
    [InlineData("${n == 2}", """{"n":2.0}""", true)]
    [InlineData("${count(items) > 0}", """{"items":[1]}""", true)]
    [InlineData("${count(items) > 0}", """{"items":[]}""", false)]
    [InlineData("${count(items) > 0}", """{}""", false)]
    [InlineData("${count(items) >= 2 && exists(a)}", """{"items":[1,2],"a":1}""", true)]
    [InlineData("${exists(a) || (n < 1)}", """{"n":0}""", true)]
    public void When_keeps_an_element_only_for_boolean_true(string when, string data, bool kept)
    {
        var template = new JsonObject { ["body"] = new JsonArray(new JsonObject { ["$when"] = when, ["t"] = "x" }) };
        var card = _binder.Bind(template, JsonNode.Parse(data)).Card;
        Assert.Equal(kept ? 1 : 0, card["body"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("${format(x)}")]
    [InlineData("${a + b}")]
    [InlineData("${$host.x}")]
    [InlineData("${a[b]}")]
    [InlineData("${'open}")]
    [InlineData("text ${unterminated")]
    public void Unsupported_syntax_is_rejected_when_the_template_is_validated(string text)
    {
        var template = new JsonObject { ["v"] = text };
        var error = Assert.Throws<CardTemplateException>(() => _binder.Validate(template));
        Assert.Contains("expression", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_when_that_is_not_a_single_expression_is_rejected()
    {
        var template = JsonNode.Parse("""{"body":[{"$when":"yes ${a}","t":1}]}""")!;
        Assert.Throws<CardTemplateException>(() => _binder.Validate(template));
    }

    [Fact]
    public void Missing_data_is_left_as_text_and_reported()
    {
        var bound = _binder.Bind(JsonNode.Parse("""{"a":"${who.name}","b":"Hi ${who.name}!","c":[{"$data":"${gone}","t":1}]}""")!, JsonNode.Parse("{}"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":"${who.name}","b":"Hi ${who.name}!","c":[]}"""), bound.Card));
        Assert.Equal(["${who.name}", "${who.name}", "\"${gone}\""], bound.Unresolved);
    }

    [Fact]
    public void Binding_does_not_change_the_template()
    {
        var template = JsonNode.Parse("""{"body":[{"$data":"${xs}","t":"${$data}"}]}""")!;
        var before = template.ToJsonString();
        _binder.Bind(template, JsonNode.Parse("""{"xs":["a","b"]}"""));
        Assert.Equal(before, template.ToJsonString());
    }

    /// <summary>
    /// Features build card data in code (<c>["rank"] = o.Rank</c> is an Int32), the outbox stores it
    /// as JSON: both must bind alike. An Int32 rank once made Slack's schedule options throw.
    /// </summary>
    [Fact]
    public void Data_built_in_code_binds_every_json_type_like_the_same_data_read_back_from_json()
    {
        var longText = string.Concat(Enumerable.Repeat("Evidence with & < > and 'quotes'. ", 120));
        var at = new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.FromHours(1));
        var typed = new JsonObject
        {
            ["i"] = 2, ["l"] = 9_007_199_254_740_991L, ["d"] = 2.5, ["m"] = 3.10m, ["f"] = 0.25f, ["neg"] = -4,
            ["yes"] = true, ["no"] = false, ["at"] = at, ["id"] = Guid.Parse("6f1c0a4e-8d53-4f57-9a43-5d2f8d1c0b7e"),
            ["none"] = null, ["empty"] = new JsonArray(), ["text"] = longText,
            ["items"] = new JsonArray(new JsonObject { ["rank"] = 1 }, new JsonObject { ["rank"] = 2 }),
        };
        var template = JsonNode.Parse("""
            {"t":"${i} ${l} ${d} ${m} ${f} ${neg} ${yes} ${no} ${at} ${id} [${text}]",
             "whole":["${i}","${d}","${m}","${yes}","${at}","${none}","${empty}"],
             "cmp":"${i > 1 && d <= 2.5 && m == 3.1 && count(text) > 1000 && count(empty) == 0}",
             "when":[{"$when":"${yes}","t":"shown"},{"$when":"${no}","t":"hidden"},{"$when":"${i >= 2}","t":"two"}],
             "none":[{"$data":"${empty}","t":"never"}],
             "opts":[{"$data":"${items}","t":"Option ${rank} of ${count($root.items)} (${$index})","first":"${rank == 1}"}]}
            """)!;

        var fromCode = _binder.Bind(template, typed);
        var fromJson = _binder.Bind(template, JsonNode.Parse(typed.ToJsonString()));

        Assert.Empty(fromCode.Unresolved);
        Assert.True(JsonNode.DeepEquals(fromJson.Card, fromCode.Card), fromCode.Card.ToJsonString());
        var card = fromCode.Card;
        Assert.Equal($"2 9007199254740991 2.5 3.1 0.25 -4 true false 2026-12-03T09:30:00+01:00 6f1c0a4e-8d53-4f57-9a43-5d2f8d1c0b7e [{longText}]", (string?)card["t"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[2,2.5,3.10,true,"2026-12-03T09:30:00+01:00",[]]"""), card["whole"]), card["whole"]!.ToJsonString());
        Assert.True((bool)card["cmp"]!);
        Assert.Equal(["shown", "two"], card["when"]!.AsArray().Select(e => (string)e!["t"]!));
        Assert.Empty(card["none"]!.AsArray());
        Assert.Equal(["Option 1 of 2 (0)", "Option 2 of 2 (1)"], card["opts"]!.AsArray().Select(e => (string)e!["t"]!));
        Assert.Equal([true, false], card["opts"]!.AsArray().Select(e => (bool)e!["first"]!));
        // The bound card is plain JSON: readers may take strings and numbers without knowing how the data was built.
        Assert.Equal(2, card["whole"]![0]!.GetValue<double>());
    }

    private void AssertBinds(string template, string data, string expected)
    {
        var bound = _binder.Bind(JsonNode.Parse(template)!, JsonNode.Parse(data));
        Assert.Empty(bound.Unresolved);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), bound.Card), bound.Card.ToJsonString());
    }
}
