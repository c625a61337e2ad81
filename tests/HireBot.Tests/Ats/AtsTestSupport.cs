using System.Text.Json.Nodes;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;

namespace HireBot.Tests.Ats;

/// <summary>What the end-to-end tests of each ATS share: the sealing key, waiting on a condition, a role's template with its ATS mapping.</summary>
internal static class AtsTestSupport
{
    public static readonly string SealKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    /// <summary>The role's exported template with an "ats" object holding <paramref name="attributes"/>.</summary>
    public static string Template(BotApp bot, string attributes)
    {
        var template = JsonNode.Parse(bot.ScalarAsync<string>("SELECT template::text FROM roles WHERE slug = 'backend-engineer'").GetAwaiter().GetResult()!)!.AsObject();
        template["ats"] = new JsonObject { ["attributes"] = JsonNode.Parse(attributes) };
        return template.ToJsonString();
    }

    public static async Task UntilAsync(Func<Task<bool>> done, string what, int seconds = 20)
    {
        var deadline = TestClock.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            Assert.True(TestClock.UtcNow < deadline, $"Not within {seconds} s: {what}.");
            await Task.Delay(100);
        }
    }
}
