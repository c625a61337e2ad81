using System.Net;
using System.Text.Json.Nodes;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;

namespace HireBot.Tests.EndToEnd;

/// <summary>
/// A panelist on Slack: the scorecard request arrives as a DM with an "Open scorecard" button,
/// the button opens the modal (views.open on the click's trigger_id), an invalid submission keeps
/// the modal open with errors, a valid one is stored once and the DM is updated in place.
/// </summary>
public class SlackScorecardTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _slack.AddUser(new FakeSlackUser("U0PETE", "pete@example.com", "Pete Panelist", "America/New_York"));
        _bot = await BotApp.StartAsync(nameof(SlackScorecardTests), new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret,
            ["SLACK_BOT_TOKEN"] = FakeSlack.BotToken,
            ["SLACK_API_BASE_URL"] = _slack.ApiBaseUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private Task<HttpResponseMessage> InteractAsync(JsonObject payload) =>
        _bot.Http.SendAsync(SlackSigner.Form("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), TestClock.Now));

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe) where T : class
    {
        var deadline = TestClock.UtcNow.AddSeconds(20);
        while (true)
        {
            if (probe() is { } found) return found;
            Assert.True(TestClock.UtcNow < deadline, "timed out");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_panelist_scores_in_a_slack_modal_and_the_request_message_turns_into_the_submitted_view()
    {
        var loop = await _bot.NewLoopAsync("slk", new InterviewSpec("screen", ["pete@example.com"], Completed: false));
        await _bot.EndInterviewAsync(loop.Interviews[0]);

        var request = await EventuallyAsync(() => _slack.CallsTo("chat.postMessage").FirstOrDefault(c => c.Body.Contains("Open scorecard")));
        var button = JsonNode.Parse(request.Body)!["blocks"]!.AsArray().Select(b => b!["elements"]).OfType<JsonArray>().SelectMany(e => e).First()!;
        Assert.Equal("scorecard.open", button["action_id"]!.GetValue<string>());

        var click = await InteractAsync(new JsonObject
        {
            ["type"] = "block_actions", ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId }, ["user"] = new JsonObject { ["id"] = "U0PETE" },
            ["trigger_id"] = "trigger-1", ["channel"] = new JsonObject { ["id"] = "D0PETE" },
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = "D0PETE", ["message_ts"] = "1.0001" },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "scorecard.open", ["block_id"] = "b", ["type"] = "button", ["value"] = button["value"]!.GetValue<string>() }),
        });
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var open = await EventuallyAsync(() => _slack.CallsTo("views.open").SingleOrDefault()); // opened by the worker, at once
        var view = JsonNode.Parse(open.Body)!["view"]!.AsObject();
        Assert.Equal("modal", view["type"]!.GetValue<string>());
        var inputs = view["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "input").Select(b => b!["block_id"]!.GetValue<string>()).ToList();
        Assert.Contains("rating.data-modeling", inputs);
        Assert.Contains("evidence.reliability", inputs);
        Assert.Contains("recommendation", inputs);

        JsonObject Submission(bool valid)
        {
            var values = new JsonObject();
            foreach (var c in ScorecardHarness.Focus["screen"])
            {
                // Invalid: the first competency has no rating, the others too little evidence.
                var rated = valid || c != ScorecardHarness.Focus["screen"][0];
                values[$"rating.{c}"] = new JsonObject { [$"rating.{c}"] = rated
                    ? new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "3" } }
                    : new JsonObject { ["type"] = "static_select", ["selected_option"] = null } };
                values[$"evidence.{c}"] = new JsonObject { [$"evidence.{c}"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = valid ? $"Explained {c} with a real incident and its follow-up." : "ok" } };
            }
            values["recommendation"] = new JsonObject { ["recommendation"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "yes" } } };
            return new JsonObject
            {
                ["type"] = "view_submission", ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId }, ["user"] = new JsonObject { ["id"] = "U0PETE" },
                ["view"] = new JsonObject
                {
                    ["id"] = "V1", ["callback_id"] = view["callback_id"]?.DeepClone(), ["private_metadata"] = view["private_metadata"]!.DeepClone(),
                    ["state"] = new JsonObject { ["values"] = values },
                },
            };
        }

        var invalid = JsonNode.Parse(await (await InteractAsync(Submission(valid: false))).Content.ReadAsStringAsync())!;
        Assert.Equal("errors", invalid["response_action"]!.GetValue<string>());
        // Each error sits on the block it is about: the missing rating on its rating, short evidence on the evidence.
        var focus = ScorecardHarness.Focus["screen"];
        Assert.Equal(focus.Skip(1).Select(c => $"evidence.{c}").Prepend($"rating.{focus[0]}").Order(),
            invalid["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Contains("Choose a rating", invalid["errors"]![$"rating.{focus[0]}"]!.GetValue<string>());
        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards"));

        var first = await InteractAsync(Submission(valid: true));
        var second = await InteractAsync(Submission(valid: true)); // a double click on Submit
        var shown = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal("update", shown["response_action"]!.GetValue<string>());
        // The form could be cancelled; the submitted view that replaces it only shows a result, so it is closed.
        Assert.Equal("Cancel", view["close"]!["text"]!.GetValue<string>());
        Assert.Equal("Close", shown["view"]!["close"]!["text"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1L, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards WHERE panelist_email = 'pete@example.com'"));

        var update = await EventuallyAsync(() => _slack.CallsTo("chat.update").FirstOrDefault());
        Assert.Equal(JsonNode.Parse(request.Body)!["channel"]!.GetValue<string>() is { } dm ? dm : "", JsonNode.Parse(update.Body)!["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_submission_from_someone_slack_cannot_name_is_answered_in_their_dm_not_dropped()
    {
        var response = await InteractAsync(new JsonObject
        {
            ["type"] = "view_submission", ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId }, ["user"] = new JsonObject { ["id"] = "U0GHOST" },
            ["view"] = new JsonObject { ["id"] = "V9", ["callback_id"] = "scorecard.submit", ["private_metadata"] = "{}", ["state"] = new JsonObject { ["values"] = new JsonObject() } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // users.info does not know U0GHOST, so nobody's email: the answer goes to the app DM by user id.
        var told = await EventuallyAsync(() => _slack.CallsTo("chat.postMessage").FirstOrDefault(c => c.Body.Contains("Your scorecard was not saved")));
        Assert.Equal("U0GHOST", JsonNode.Parse(told.Body)!["channel"]!.GetValue<string>());
        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards"));
    }
}
