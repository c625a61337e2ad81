using System.Net;
using System.Text.Json.Nodes;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Support;

namespace HireBot.Tests.EndToEnd;

/// <summary>
/// Slack <c>/hire schedule</c> through the real path: a signed slash command, the acknowledgement,
/// the background job that reads calendars and renders the options card, and the answer posted to
/// the command's response_url. Once broken by an Int32 rank in the card data (issue 12).
/// </summary>
public class SlackScheduleTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _slack.AddUser(new FakeSlackUser("U0RITA", "rita@example.com", "Rita Recruiter", "Europe/Berlin"));
        _bot = await BotApp.StartAsync(nameof(SlackScheduleTests), _slack.BotSettings());
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private int _sent;

    /// <summary>A signed /hire; returns the acknowledgement (an empty object when it had no body).</summary>
    private async Task<JsonNode> CommandAsync(string text, string? hook = null)
    {
        hook ??= $"setup-{Interlocked.Increment(ref _sent)}";
        var response = await _bot.Http.SendAsync(SlackSigner.Command(text, FakeSlack.TeamId, "U0RITA", "C0HIRING", _slack.ResponseUrl(hook), $"t-{hook}", TestClock.Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (hook.StartsWith("setup-", StringComparison.Ordinal)) await _slack.HookPostAsync(hook); // set-up commands finish before the next
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task Schedule_and_reschedule_options_reach_the_recruiter_on_the_response_url_with_a_pick_button_per_option()
    {
        await CommandAsync("role create be-slack \"Backend Engineer\"");
        foreach (var (who, pool) in new[] { ("b1", "backend"), ("b2", "backend"), ("b3", "backend"), ("b4", "backend"), ("s1", "senior-backend"), ("s2", "senior-backend"), ("h1", "behavioral") })
            await CommandAsync($"role add be-slack interviewer {who}@example.com pool {pool}");
        await CommandAsync("candidate add be-slack ada@example.com Ada Lovelace");

        var picks = await OptionsAsync("schedule ada@example.com", "sched");

        // Picking through the button books the loop, so reschedule has something to move.
        var pick = new JsonObject
        {
            ["type"] = "block_actions", ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId }, ["user"] = new JsonObject { ["id"] = "U0RITA" },
            ["trigger_id"] = "t-2", ["response_url"] = _slack.ResponseUrl("picked"),
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = "C0HIRING", ["message_ts"] = "1.1" },
            ["channel"] = new JsonObject { ["id"] = "C0HIRING" },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = (string?)picks[0]["action_id"], ["block_id"] = "b", ["type"] = "button", ["value"] = (string?)picks[0]["value"] }),
        };
        var clicked = await _bot.Http.SendAsync(SlackSigner.Form("/slack/interactions", "payload=" + Uri.EscapeDataString(pick.ToJsonString()), TestClock.Now));
        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        var booked = await _slack.HookPostAsync("picked");
        Assert.Contains("Booked", booked.ToJsonString());

        await OptionsAsync("reschedule ada@example.com", "resched");
    }

    /// <summary>Runs a slow command and returns the pick buttons of the options card posted to its response_url.</summary>
    private async Task<List<JsonObject>> OptionsAsync(string command, string hookId)
    {
        var ack = await CommandAsync(command, hookId);

        Assert.Contains("Working on it", ack["text"]!.GetValue<string>());
        await _slack.HookPostAsync(hookId);
        var hook = Assert.Single(_slack.Calls, c => c.Path.EndsWith("hooks/" + hookId, StringComparison.Ordinal));
        Assert.DoesNotContain("${", hook.Body); // nothing left unbound
        var blocks = JsonNode.Parse(hook.Body)!["blocks"]!.AsArray().Select(b => b!.AsObject()).ToList();
        Assert.Contains("Schedule options: Ada Lovelace", blocks.Select(b => (string?)b["text"]?["text"]));
        Assert.Contains("*Option 1: ", string.Join("\n", blocks.Select(b => (string?)b["text"]?["text"])));
        var picks = blocks.Where(b => (string?)b["type"] == "actions").SelectMany(b => b["elements"]!.AsArray()).Select(e => e!.AsObject()).ToList();
        Assert.InRange(picks.Count, 1, 3);
        Assert.Equal(Enumerable.Range(1, picks.Count).Select(i => $"Pick option {i}"), picks.Select(p => (string?)p["text"]!["text"]));
        Assert.All(picks, p => Assert.StartsWith("schedule.pick", (string?)p["action_id"]));
        Assert.All(picks, p => Assert.NotNull(JsonNode.Parse((string)p["value"]!)!["optionId"]));
        return picks;
    }
}
