using HireBot.Core.Roles;

namespace HireBot.Core.Tests.Roles;

public class RoleTemplateJsonTests
{
    private static string BuiltIn() => File.ReadAllText(Path.Combine(Repo.Root, "templates", "backend-engineer.json"));

    [Fact]
    public void Built_in_backend_template_parses_with_the_domain_weights_and_six_rounds()
    {
        var parsed = RoleTemplateJson.Parse(BuiltIn());

        Assert.True(parsed.IsOk, parsed.Error);
        var t = parsed.Value!;
        Assert.Equal([45.0, 35.0, 20.0], t.Rubric.Dimensions.Select(d => d.Weight).ToArray());
        Assert.Equal(6, t.Loop.Rounds.Count);
        Assert.Contains("Thinks tests are optional", t.Rubric.RedFlags);
        Assert.All(t.Rubric.Competencies, c => Assert.NotEmpty(c.StrongEvidence));
        Assert.All(t.Loop.Rounds, r => Assert.NotEmpty(r.Questions));
    }

    [Fact]
    public void Export_then_import_gives_the_same_template()
    {
        var original = RoleTemplateJson.Parse(BuiltIn()).Value!;

        var again = RoleTemplateJson.Parse(RoleTemplateJson.Write(original));

        Assert.True(again.IsOk, again.Error);
        Assert.Equal(RoleTemplateJson.Write(original), RoleTemplateJson.Write(again.Value!));
    }

    [Fact]
    public void Oversized_templates_are_refused_naming_the_field_and_the_limit()
    {
        var t = System.Text.Json.Nodes.JsonNode.Parse(BuiltIn())!.AsObject();
        var rounds = t["rounds"]!.AsArray();
        while (rounds.Count <= InputLimits.TemplateRounds) rounds.Add(rounds[0]!.DeepClone());
        t["title"] = new string('x', InputLimits.NameChars + 1);
        t["dimensions"]![0]!["competencies"]![0]!["description"] = new string('d', InputLimits.TextChars + 1);
        t["pools"]![0]!["members"] = new System.Text.Json.Nodes.JsonArray(Enumerable.Range(0, InputLimits.PoolMembers + 1).Select(i => (System.Text.Json.Nodes.JsonNode?)$"p{i}@example.com").ToArray());

        var parsed = RoleTemplateJson.Parse(t.ToJsonString());

        Assert.False(parsed.IsOk);
        Assert.Contains($"rounds has {InputLimits.TemplateRounds + 1} entries; the limit is {InputLimits.TemplateRounds}.", parsed.Error);
        Assert.Contains($"title is {InputLimits.NameChars + 1} characters long; the limit is {InputLimits.NameChars}.", parsed.Error);
        Assert.Contains("dimensions[0].competencies[0].description is 2001 characters long; the limit is 2000.", parsed.Error);
        Assert.Contains($"pools[0].members has {InputLimits.PoolMembers + 1} entries; the limit is {InputLimits.PoolMembers}.", parsed.Error);
    }

    [Fact]
    public void A_template_larger_than_the_limit_is_refused_before_it_is_parsed()
    {
        var json = "{\"id\": \"" + new string('a', InputLimits.TemplateChars) + "\"}";

        var parsed = RoleTemplateJson.Parse(json);

        Assert.False(parsed.IsOk);
        Assert.Equal($"The template is {json.Length} characters long; the limit is 65536.", parsed.Error);
    }

    [Theory]
    [InlineData("\"focus\": [\"data-modeling\"", "\"focus\": [\"nope\"", "rounds[0].focus[0] names 'nope'")]
    [InlineData("\"weight\": 45", "\"weight\": -1", "dimensions[0].weight must be a positive number")]
    [InlineData("\"minutes\": 45, \"panelSize\": 1, \"pool\": \"backend\"", "\"minutes\": 5, \"panelSize\": 1, \"pool\": \"backend\"", "rounds[0].minutes must be between 15 and 480")]
    [InlineData("\"pool\": \"managers\"", "\"pool\": \"ghosts\"", "rounds[5].pool names 'ghosts'")]
    [InlineData("\"id\": \"backend-engineer\"", "\"id\": \"\"", "id must be a non-empty string")]
    [InlineData("\"id\": \"api-design\"", "\"id\": \"system-design\"", "competency id 'system-design' appears more than once")]
    public void Invalid_templates_name_the_field_at_fault(string find, string replace, string message)
    {
        var json = BuiltIn();
        Assert.Contains(find, json);
        var parsed = RoleTemplateJson.Parse(ReplaceFirst(json, find, replace));

        Assert.False(parsed.IsOk);
        Assert.Contains(message, parsed.Error);
    }

    [Fact]
    public void Broken_json_reports_the_line()
    {
        var parsed = RoleTemplateJson.Parse("{\n \"id\": ");

        Assert.False(parsed.IsOk);
        Assert.Contains("not valid JSON (line", parsed.Error);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var i = text.IndexOf(find, StringComparison.Ordinal);
        return text[..i] + replace + text[(i + find.Length)..];
    }
}
