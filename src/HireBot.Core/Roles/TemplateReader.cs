using System.Text.Json;
using System.Text.Json.Nodes;
using HireBot.Core.Rubrics;

namespace HireBot.Core.Roles;

/// <summary>Field-by-field reader behind <see cref="RoleTemplateJson"/>; collects every error with its path.</summary>
internal sealed class TemplateReader
{
    public List<string> Errors { get; } = [];

    public RoleTemplate? Read(JsonObject root)
    {
        var id = Text(root, "id", "id");
        var title = Text(root, "title", "title");
        var level = Text(root, "level", "level", required: false) ?? "";
        var scale = root["scale"] is null ? RatingScale.FourPoint : new RatingScale(Items(root, "scale", "scale", InputLimits.TemplateScalePoints, (o, p) =>
            new RatingAnchor(Int(o, "value", p) ?? 0, Text(o, "label", p) ?? "", Text(o, "description", p) ?? "")));
        var dimensions = Items(root, "dimensions", "dimensions", InputLimits.TemplateDimensions, ReadDimension);
        var rubric = new Rubric(dimensions, scale);
        var rounds = Items(root, "rounds", "rounds", InputLimits.TemplateRounds, ReadRound);
        var pools = root["pools"] is null ? [] : Items(root, "pools", "pools", InputLimits.TemplatePools, (o, p) => new InterviewerPool(
            Text(o, "id", p) ?? "", Text(o, "name", p, required: false) ?? "",
            List(o, "members", p, InputLimits.PoolMembers), List(o, "trainees", p, InputLimits.PoolMembers)));
        var competencies = rubric.Competencies.Count();
        if (competencies > InputLimits.TemplateCompetencies)
            Errors.Add($"dimensions[].competencies has {competencies} competencies in all; the limit is {InputLimits.TemplateCompetencies}.");

        CheckReferences(rubric, rounds, pools);
        return new RoleTemplate(id ?? "", title ?? "", level, rubric, new LoopTemplate(rounds), pools);
    }

    private Dimension ReadDimension(JsonObject o, string path)
    {
        var weight = Number(o, "weight", path) ?? 0;
        if (weight <= 0) Errors.Add($"{path}.weight must be a positive number.");
        return new Dimension(Text(o, "id", path) ?? "", Text(o, "name", path) ?? "", weight, Items(o, "competencies", $"{path}.competencies", InputLimits.TemplateCompetencies, (c, p) =>
            new Competency(Text(c, "id", p) ?? "", Text(c, "name", p) ?? "", Text(c, "description", p, required: false) ?? "",
                Text(c, "strong", p) ?? "", List(c, "redFlags", p), Number(c, "weight", p, required: false) ?? 1.0)));
    }

    private RoundTemplate ReadRound(JsonObject o, string path)
    {
        var minutes = Int(o, "minutes", path) ?? 0;
        if (minutes is < 15 or > 480) Errors.Add($"{path}.minutes must be between 15 and 480.");
        var panel = Int(o, "panelSize", path, required: false) ?? 1;
        if (panel is < 1 or > 6) Errors.Add($"{path}.panelSize must be between 1 and 6.");
        return new RoundTemplate(Text(o, "id", path) ?? "", Text(o, "name", path) ?? "", minutes, List(o, "focus", path), panel,
            List(o, "questions", path), Text(o, "pool", path, required: false),
            o["afterEarlierRoundsPass"]?.GetValueKind() == JsonValueKind.True);
    }

    private void CheckReferences(Rubric rubric, List<RoundTemplate> rounds, List<InterviewerPool> pools)
    {
        Unique(rubric.Dimensions.Select(d => d.Id), "dimensions", "dimension id");
        Unique(rubric.Competencies.Select(c => c.Id), "dimensions[].competencies", "competency id");
        Unique(rounds.Select(r => r.Id), "rounds", "round id");
        if (rubric.Scale.Anchors.Count < 2) Errors.Add("scale must have at least two points.");
        for (var i = 0; i < rounds.Count; i++)
        {
            if (rounds[i].FocusCompetencies.Count == 0) Errors.Add($"rounds[{i}].focus must name at least one competency.");
            for (var f = 0; f < rounds[i].FocusCompetencies.Count; f++)
                if (rubric.FindCompetency(rounds[i].FocusCompetencies[f]) is null)
                    Errors.Add($"rounds[{i}].focus[{f}] names '{rounds[i].FocusCompetencies[f]}', which is not a competency of the rubric.");
            if (rounds[i].InterviewerPool is { } pool && pools.All(p => p.Id != pool))
                Errors.Add($"rounds[{i}].pool names '{pool}', which is not one of pools[].id.");
        }
    }

    private void Unique(IEnumerable<string> ids, string path, string what)
    {
        foreach (var dup in ids.GroupBy(x => x, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            Errors.Add($"{path}: the {what} '{dup.Key}' appears more than once.");
    }

    private List<T> Items<T>(JsonObject o, string name, string path, int max, Func<JsonObject, string, T> read)
    {
        if (o[name] is not JsonArray array || array.Count == 0)
        {
            Errors.Add($"{path} must be a non-empty array.");
            return [];
        }
        if (array.Count > max)
        {
            Errors.Add($"{path} has {array.Count} entries; the limit is {max}.");
            return [];
        }
        var items = new List<T>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item) items.Add(read(item, $"{path}[{i}]"));
            else Errors.Add($"{path}[{i}] must be an object.");
        }
        return items;
    }

    private string? Text(JsonObject o, string name, string path, bool required = true)
    {
        var full = path == name ? name : $"{path}.{name}";
        if (o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim() is { Length: > 0 } s)
        {
            var limit = MaxChars(name);
            if (s.Length <= limit) return s;
            Errors.Add(InputLimits.TooLong(full, s.Length, limit));
            return null;
        }
        if (required || o[name] is not null) Errors.Add($"{full} must be a non-empty string.");
        return null;
    }

    private static int MaxChars(string name) => name switch
    {
        "id" or "pool" => InputLimits.IdChars,
        "title" or "name" or "label" or "level" => InputLimits.NameChars,
        _ => InputLimits.TextChars,
    };

    private double? Number(JsonObject o, string name, string path, bool required = true)
    {
        if (o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number) return v.GetValue<double>();
        if (required || o[name] is not null) Errors.Add($"{path}.{name} must be a number.");
        return null;
    }

    private int? Int(JsonObject o, string name, string path, bool required = true)
    {
        var n = Number(o, name, path, required);
        if (n is { } d && d != Math.Floor(d)) Errors.Add($"{path}.{name} must be a whole number.");
        return n is { } x ? (int)x : null;
    }

    private List<string> List(JsonObject o, string name, string path, int max = InputLimits.TemplateListItems)
    {
        if (o[name] is null) return [];
        if (o[name] is not JsonArray a || a.Any(x => x is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            Errors.Add($"{path}.{name} must be an array of strings.");
            return [];
        }
        if (a.Count > max)
        {
            Errors.Add($"{path}.{name} has {a.Count} entries; the limit is {max}.");
            return [];
        }
        var items = a.Select(x => x!.GetValue<string>()).ToList();
        for (var i = 0; i < items.Count; i++)
            if (items[i].Length > InputLimits.TextChars)
                Errors.Add(InputLimits.TooLong($"{path}.{name}[{i}]", items[i].Length, InputLimits.TextChars));
        return items;
    }
}
