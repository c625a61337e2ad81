using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Charts;
using HireBot.Core.Charts;
using HireBot.Hiring;
using HireBot.Outbox;
using HireBot.Organisations;
using HireBot.Slack;
using HireBot.Teams;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HireBot.Health;

/// <summary>
/// What the first requests after start would otherwise pay for, done before <c>/readyz</c> turns
/// 200 (see <see cref="HealthEndpoints"/>): database connections opened in both pools, the Bot
/// Framework signing keys fetched, the chart renderer's first render (Skia and its fonts), and the
/// request paths' parsers, serializers and card binding run once on samples. It reads and renders
/// only: nothing is written, nothing is sent. A step that fails is logged and skipped; the bot is
/// ready anyway, only slower at first.
/// </summary>
public sealed partial class WarmUp(
    NpgsqlDataSource plain, OrgDb orgDb, BotFrameworkKeys keys, IOptions<TeamsOptions> teams, ChartRenderer charts,
    MessageRenderer renderer, BlockKitTranslator blockKit, ILogger<WarmUp> logger) : BackgroundService
{
    /// <summary>Connections opened in each pool: about what a burst at start keeps busy at once.</summary>
    public const int Connections = 8;

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once every step has run (or failed and been skipped).</summary>
    public bool IsDone => _done.Task.IsCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(
                StepAsync("database pools", () => PoolsAsync(stoppingToken)),
                StepAsync("Bot Framework keys", () => teams.Value.IsConnected ? keys.GetAsync(stoppingToken) : Task.CompletedTask),
                StepAsync("chart renderer", () => Task.Run(RenderChart, stoppingToken)),
                StepAsync("request paths", () => Task.Run(RequestPaths, stoppingToken)));
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    private async Task StepAsync(string step, Func<Task> run)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            await run();
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            LogWarmed(logger, step, elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStepFailed(logger, step, e.GetType().Name);
        }
    }

    /// <summary>
    /// Opens <see cref="Connections"/> connections of each pool, all held until every one is open (so
    /// they are distinct, not one reused), then closed: they stay pooled.
    /// </summary>
    private async Task PoolsAsync(CancellationToken ct)
    {
        var open = new List<NpgsqlConnection>();
        try
        {
            using (OrgScope.Enter(OrgScope.Default))
            {
                var opening = Enumerable.Range(0, Connections)
                    .SelectMany(_ => new[] { plain.OpenConnectionAsync(ct).AsTask(), orgDb.OpenConnectionAsync(ct).AsTask() }).ToList();
                try { await Task.WhenAll(opening); }
                finally { open.AddRange(opening.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result)); }
            }
        }
        finally
        {
            foreach (var conn in open) await conn.DisposeAsync();
        }
    }

    private void RenderChart()
    {
        var model = new ChartModel("Warm-up", "score", 1, 4, [(1, "1"), (4, "4")],
            [new ChartRow("overall", ChartRowKind.Overall, 2.5, 2, 3, [2, 3])], [new ChartLine(3, "hire bar", ChartLineKind.HireBar)], "warm-up");
        charts.Render(model);
    }

    /// <summary>The parsers, serializers and card binding a Teams message or invoke and a Slack command or click go through.</summary>
    private void RequestPaths()
    {
        const string activity = """
            {"type":"message","id":"warm","timestamp":"2026-01-01T00:00:00Z","serviceUrl":"https://smba.trafficmanager.net/teams/","channelId":"msteams",
             "from":{"id":"29:warm","name":"Warm","aadObjectId":"00000000-0000-0000-0000-000000000000"},
             "conversation":{"conversationType":"personal","tenantId":"00000000-0000-0000-0000-000000000000","id":"a:warm"},
             "recipient":{"id":"28:warm","name":"HireBot"},"channelData":{"tenant":{"id":"00000000-0000-0000-0000-000000000000"}},"text":"help","textFormat":"plain"}
            """;
        if (JsonSerializer.Deserialize<Activity>(activity, TeamsJson.Options) is { } parsed && TeamsInboundParser.Parse(parsed) is TeamsCommand command)
            JsonSerializer.Deserialize<TeamsCommand>(JsonSerializer.Serialize(command, TeamsJson.Options), TeamsJson.Options);
        var card = renderer.Render(CardNames.Message, new JsonObject { ["text"] = "warm-up" });
        JsonSerializer.Serialize(TeamsInvokeResponse.Card(TeamsCardText.ForTeams(card)).Body, TeamsJson.Options);
        blockKit.ToMessage(renderer.Render(CardNames.Message, new JsonObject { ["text"] = "warm-up" }));
        SlackCommandParser.Parse(Encoding.UTF8.GetBytes("command=%2Fhire&text=help&team_id=T0&user_id=U0&channel_id=C0&response_url=https%3A%2F%2Fhooks.slack.com%2Fx&trigger_id=t"));
        var payload = """{"type":"block_actions","team":{"id":"T0"},"user":{"id":"U0","team_id":"T0"},"channel":{"id":"C0"},"trigger_id":"t","response_url":"https://hooks.slack.com/x","actions":[{"action_id":"warm#1","block_id":"b1","type":"button","value":"{}"}]}""";
        SlackInteractionParser.Parse(Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(payload)));
    }

    [LoggerMessage(EventId = 9301, Level = LogLevel.Debug, Message = "Warmed {Step} in {Milliseconds:0} ms")]
    private static partial void LogWarmed(ILogger logger, string step, double milliseconds);

    [LoggerMessage(EventId = 9302, Level = LogLevel.Warning, Message = "Warm-up step {Step} failed ({Error}); the first requests will be slower")]
    private static partial void LogStepFailed(ILogger logger, string step, string error);
}
