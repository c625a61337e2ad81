using System.Text.Json.Nodes;

namespace HireBot.Cards;

/// <summary>
/// Renders a bound Adaptive Card for Slack (ARCHITECTURE.md "Cards": one definition, two renderings).
/// Mapping: heading TextBlock → header; subtle TextBlock → context; other TextBlocks → section
/// (adjacent ones merged, bolder as *bold*, text converted from <see cref="NeutralText"/> to mrkdwn); FactSet → section fields; Image → image block (alt_text from altText); Container → its items;
/// <c>separator</c> → divider; ActionSet and card actions → actions with buttons
/// (action_id = Action.Execute verb, value = the action data as JSON). In a modal, inputs become
/// input blocks (block_id = action_id = input id), the first card-level Action.Execute becomes the
/// submit button and travels in private_metadata as <c>{"verb":…,"data":…}</c>.
/// Block Kit reference: https://docs.slack.dev/reference/block-kit/blocks ; limits in <see cref="BlockKitLimits"/>.
/// </summary>
public sealed class BlockKitTranslator
{
    /// <summary>Slack's chat.postMessage body parts: <c>{"text": fallback, "blocks": [...]}</c>. Cards with inputs cannot be messages.</summary>
    public JsonObject ToMessage(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var writer = new BlockKitBodyWriter(allowInputs: false);
        writer.WriteElements(card["body"] as JsonArray);
        if (card["actions"] is JsonArray { Count: > 0 } actions)
            writer.WriteActions(actions);
        writer.Flush();
        var blocks = FitBlocks(writer.Blocks, BlockKitLimits.MessageBlocks);
        return new JsonObject
        {
            ["text"] = BlockKitLimits.Truncate(NeutralText.ToSlack(FallbackText(card)), BlockKitLimits.MessageText),
            ["blocks"] = new JsonArray([.. blocks]),
        };
    }

    /// <summary>A modal view for views.open / views.update. The first heading becomes the title.</summary>
    public JsonObject ToModal(JsonObject card, string callbackId)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (callbackId.Length is 0 or > BlockKitLimits.ActionId)
            throw new BlockKitTranslationException($"callback_id must be 1 to {BlockKitLimits.ActionId} characters.");
        var body = (JsonArray)(card["body"]?.DeepClone() ?? new JsonArray());
        var title = TakeTitle(body) ?? "HireBot";

        var actions = (card["actions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var submit = actions.FirstOrDefault(a => BlockKitBodyWriter.Str(a, "type") == "Action.Execute");
        var writer = new BlockKitBodyWriter(allowInputs: true);
        writer.WriteElements(body);
        var others = actions.Where(a => a != submit).Select(a => a.DeepClone()).ToArray();
        if (others.Length > 0)
            writer.WriteActions(new JsonArray(others));
        writer.Flush();

        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["title"] = BlockKitElements.Plain(NeutralText.ToPlain(title), BlockKitLimits.ModalTitle),
            // A form can be cancelled; a modal that only shows a result (a submitted scorecard, even
            // with its Amend button) is closed.
            ["close"] = BlockKitElements.Plain(writer.Blocks.Any(b => (string?)b["type"] == "input") ? "Cancel" : "Close", BlockKitLimits.ModalButton),
        };
        if (submit is not null)
        {
            view["submit"] = BlockKitElements.Plain(BlockKitBodyWriter.Str(submit, "title") is { Length: > 0 } t ? t : "Submit", BlockKitLimits.ModalButton);
            var metadata = new JsonObject { ["verb"] = BlockKitBodyWriter.Str(submit, "verb"), ["data"] = submit["data"]?.DeepClone() }.ToJsonString();
            if (metadata.Length > BlockKitLimits.PrivateMetadata)
                throw new BlockKitTranslationException($"Submit data is {metadata.Length} characters; private_metadata holds {BlockKitLimits.PrivateMetadata}.");
            view["private_metadata"] = metadata;
        }
        else if (writer.Blocks.Any(b => (string?)b["type"] == "input"))
        {
            throw new BlockKitTranslationException("A card with inputs needs an Action.Execute to become the modal's submit button.");
        }
        view["blocks"] = new JsonArray([.. FitBlocks(writer.Blocks, BlockKitLimits.ModalBlocks)]);
        return view;
    }

    /// <summary>
    /// Keeps a payload within the block limit: drops the latest text blocks first (never inputs,
    /// actions or headers, which carry what the reader must do) and says that content was left out.
    /// </summary>
    private static List<JsonObject> FitBlocks(List<JsonObject> blocks, int limit)
    {
        if (blocks.Count <= limit)
            return blocks;
        var kept = new List<JsonObject>(blocks);
        var cutAt = kept.Count;
        for (var i = kept.Count - 1; i >= 0 && kept.Count > limit - 1; i--)
        {
            if ((string?)kept[i]["type"] is "input" or "actions" or "header")
                continue;
            kept.RemoveAt(i);
            cutAt = i;
        }
        if (kept.Count > limit - 1)
            throw new BlockKitTranslationException($"The card needs {kept.Count} essential blocks; Slack allows {limit}.");
        kept.Insert(Math.Min(cutAt, kept.Count), new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(BlockKitElements.Mrkdwn("Some details were left out to fit Slack.", BlockKitLimits.ContextText)),
        });
        return kept;
    }

    private static string? TakeTitle(JsonArray body)
    {
        var heading = body.OfType<JsonObject>().FirstOrDefault(e =>
            BlockKitBodyWriter.Str(e, "type") == "TextBlock" && BlockKitBodyWriter.Str(e, "style") == "heading");
        if (heading is null)
            return null;
        body.Remove(heading);
        return BlockKitBodyWriter.Str(heading, "text");
    }

    private static string FallbackText(JsonObject card) =>
        (card["body"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(e => BlockKitBodyWriter.Str(e, "type") == "TextBlock")
            .Select(e => BlockKitBodyWriter.Str(e, "text"))
            .FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "HireBot";
}
