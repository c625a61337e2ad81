using System.Text.Json;
using System.Text.Json.Nodes;
using HireBot.Core.Rubrics;

namespace HireBot.Core.Roles;

/// <summary>
/// Reads and writes role templates as JSON (the format of templates/backend-engineer.json).
/// Every problem is reported with the path of the field, e.g. <c>rounds[2].focus[0]</c>, so a
/// user who edited a copy knows exactly what to fix. All problems are reported at once.
/// </summary>
public static class RoleTemplateJson
{
    public static Outcome<RoleTemplate> Parse(string json)
    {
        if (json.Length > InputLimits.TemplateChars)
            return Outcome<RoleTemplate>.Fail(InputLimits.TooLong("The template", json.Length, InputLimits.TemplateChars));
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return Outcome<RoleTemplate>.Fail($"The template is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        var reader = new TemplateReader();
        var template = root is JsonObject obj ? reader.Read(obj) : null;
        if (template is null && reader.Errors.Count == 0) reader.Errors.Add("The template must be a JSON object.");
        return reader.Errors.Count > 0
            ? Outcome<RoleTemplate>.Fail("The template has problems:\n- " + string.Join("\n- ", reader.Errors))
            : template!;
    }

    public static string Write(RoleTemplate t)
    {
        var root = new JsonObject
        {
            ["id"] = t.Id,
            ["title"] = t.Title,
            ["level"] = t.Level,
            ["scale"] = new JsonArray(t.Rubric.Scale.Anchors.Select(a => (JsonNode)new JsonObject
                { ["value"] = a.Value, ["label"] = a.Label, ["description"] = a.Description }).ToArray()),
            ["dimensions"] = new JsonArray(t.Rubric.Dimensions.Select(d => (JsonNode)new JsonObject
            {
                ["id"] = d.Id, ["name"] = d.Name, ["weight"] = d.Weight,
                ["competencies"] = new JsonArray(d.Competencies.Select(c => (JsonNode)new JsonObject
                {
                    ["id"] = c.Id, ["name"] = c.Name, ["description"] = c.Description, ["strong"] = c.StrongEvidence,
                    ["redFlags"] = Strings(c.RedFlags), ["weight"] = c.Weight,
                }).ToArray()),
            }).ToArray()),
            ["rounds"] = new JsonArray(t.Loop.Rounds.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id, ["name"] = r.Name, ["minutes"] = r.DurationMinutes, ["panelSize"] = r.PanelSize,
                ["pool"] = r.InterviewerPool, ["afterEarlierRoundsPass"] = r.OnlyAfterEarlierRoundsPass,
                ["focus"] = Strings(r.FocusCompetencies), ["questions"] = Strings(r.Questions),
            }).ToArray()),
            ["pools"] = new JsonArray(t.Pools.Select(p => (JsonNode)new JsonObject
                { ["id"] = p.Id, ["name"] = p.Name, ["members"] = Strings(p.Members), ["trainees"] = Strings(p.Trainees) }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
