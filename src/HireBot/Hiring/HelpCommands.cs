using System.Text.Json.Nodes;
using HireBot.Core.Commands;

namespace HireBot.Hiring;

/// <summary><c>help</c>: the command list, or one command's usage.</summary>
public sealed class HelpCommands : ICommandFeature
{
    public IReadOnlyList<string> Commands => ["help"];

    public Task<BotReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var topic = context.Command["topic"];
        var specs = topic is null ? CommandCatalog.All
            : CommandCatalog.All.Where(s => s.Name.StartsWith(topic, StringComparison.OrdinalIgnoreCase)).ToList();
        if (specs.Count == 0) specs = [CommandParser.Closest(topic!)];
        return Task.FromResult(Help(specs));
    }

    public static BotReply Help(IEnumerable<CommandSpec> specs) => new("help", new JsonObject
    {
        ["title"] = "HireBot commands",
        ["commands"] = new JsonArray(specs.Select(s => (JsonNode)new JsonObject { ["usage"] = s.Usage, ["description"] = s.Summary }).ToArray()),
    });
}
