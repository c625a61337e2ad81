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
        Assert.Equal(new[] { 45.0, 35.0, 20.0 }, t.Rubric.Dimensions.Select(d => d.Weight));
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
