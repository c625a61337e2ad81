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

    private void AssertBinds(string template, string data, string expected)
    {
        var bound = _binder.Bind(JsonNode.Parse(template)!, JsonNode.Parse(data));
        Assert.Empty(bound.Unresolved);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), bound.Card), bound.Card.ToJsonString());
    }
}
