using System.Text.Json;
using System.Text.Json.Serialization;

namespace HireBot.Teams;

/// <summary>The one serializer setup for Bot Framework JSON: camelCase, nulls left out.</summary>
public static class TeamsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
