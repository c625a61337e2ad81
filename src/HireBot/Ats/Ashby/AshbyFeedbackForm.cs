using System.Text.Json.Nodes;

namespace HireBot.Ats.Ashby;

/// <summary>One field of a feedback form definition: its <c>path</c> is what a submission names.</summary>
public sealed record AshbyFormField(string Id, string Path, string Title, string Type, bool IsRequired, IReadOnlyList<(string Label, string Value)> Choices);

/// <summary>
/// A feedback form definition as <c>feedbackFormDefinition.info</c> returns it
/// (https://developers.ashbyhq.com/reference/feedbackformdefinitioninfo):
/// <c>formDefinition.sections[].fields[] = { isRequired, field: { id, path, title, type, selectableValues } }</c>.
/// </summary>
public sealed record AshbyFeedbackForm(string Id, string Title, IReadOnlyList<AshbyFormField> Fields)
{
    public static AshbyFeedbackForm Parse(JsonObject results)
    {
        var fields = new List<AshbyFormField>();
        foreach (var section in results["formDefinition"]?["sections"] as JsonArray ?? [])
        {
            foreach (var entry in section?["fields"] as JsonArray ?? [])
            {
                if (entry?["field"] is not JsonObject field)
                {
                    continue;
                }

                var choices = (field["selectableValues"] as JsonArray ?? [])
                    .Select(v => ((string?)v?["label"] ?? "", (string?)v?["value"] ?? ""))
                    .ToList();
                fields.Add(new AshbyFormField(
                    (string?)field["id"] ?? "",
                    (string?)field["path"] ?? "",
                    (string?)field["title"] ?? "",
                    (string?)field["type"] ?? "",
                    entry["isRequired"]?.GetValue<bool>() == true,
                    choices));
            }
        }

        return new AshbyFeedbackForm((string?)results["id"] ?? "", (string?)results["title"] ?? "", fields);
    }

    /// <summary>The field a competency mapping names, by path or by field id.</summary>
    public AshbyFormField? Find(string? pathOrId) =>
        pathOrId is null ? null : Fields.FirstOrDefault(f => f.Path == pathOrId || f.Id == pathOrId);

    /// <summary>The overall recommendation: by Ashby's conventional path, else by title.</summary>
    public AshbyFormField? Recommendation() =>
        Fields.FirstOrDefault(f => f.Path.Contains("recommendation", StringComparison.OrdinalIgnoreCase)
            || f.Title.Contains("recommendation", StringComparison.OrdinalIgnoreCase));

    /// <summary>Where free text goes: the first rich or long text field.</summary>
    public AshbyFormField? TextField() => Fields.FirstOrDefault(f => f.Type is "RichText" or "LongText");
}
