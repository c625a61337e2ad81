using System.Text.Json.Nodes;
using HireBot.Organisations;

namespace HireBot.Ats;

/// <summary>
/// Per role: which ATS scorecard attribute (Greenhouse) or form field (Ashby) each competency goes
/// to. It travels with the role's template JSON as <c>"ats": {"attributes": {"&lt;competency-id&gt;": "&lt;attribute&gt;"}}</c>,
/// so <c>role export</c> shows it and <c>role import</c> edits it; competencies left out go as text.
/// </summary>
public sealed class AtsAttributeMap(OrgDb db)
{
    public const string Property = "ats";

    /// <summary>The template JSON without its "ats" object, and the mapping it held (null when it had none).</summary>
    public static (string Template, IReadOnlyDictionary<string, string>? Attributes, string? Error) Split(string json)
    {
        JsonObject? root;
        try { root = JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject; }
        catch (System.Text.Json.JsonException) { return (json, null, null); } // the template parser reports it
        if (root?[Property] is not { } ats) return (json, null, null);
        root.Remove(Property);
        if (ats["attributes"] is not JsonObject attributes || attributes.Any(a => a.Value?.GetValueKind() != System.Text.Json.JsonValueKind.String))
            return (json, null, "`ats.attributes` must map competency ids to ATS attribute ids (strings).");
        return (root.ToJsonString(), attributes.ToDictionary(a => a.Key, a => a.Value!.GetValue<string>()), null);
    }

    public async Task SaveAsync(Guid roleId, IReadOnlyDictionary<string, string> attributes, CancellationToken ct)
    {
        await db.ExecuteAsync("DELETE FROM ats_attribute_map WHERE role_id = $1", ct, roleId);
        foreach (var (competency, attribute) in attributes)
            await db.ExecuteAsync("INSERT INTO ats_attribute_map (role_id, competency, attribute) VALUES ($1, $2, $3)", ct, roleId, competency, attribute);
    }

    public async Task<IReadOnlyDictionary<string, string>> LoadAsync(Guid roleId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT competency, attribute FROM ats_attribute_map WHERE role_id = $1 ORDER BY competency");
        cmd.Parameters.Add(new() { Value = roleId });
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) map[r.GetString(0)] = r.GetString(1);
        return map;
    }

    /// <summary>The exported template JSON with the mapping added (unchanged when there is none).</summary>
    public static string Join(string templateJson, IReadOnlyDictionary<string, string> attributes)
    {
        if (attributes.Count == 0) return templateJson;
        var root = JsonNode.Parse(templateJson)!.AsObject();
        root[Property] = new JsonObject { ["attributes"] = new JsonObject(attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value)))) };
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
