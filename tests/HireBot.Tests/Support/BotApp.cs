using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace HireBot.Tests.Support;

/// <summary>
/// The real bot host on Kestrel at 127.0.0.1:0 over a fresh test database, with settings given
/// exactly as production receives them. Dispose stops it.
/// </summary>
public sealed class BotApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    public HttpClient Http { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource Db { get; }
    public IServiceProvider Services => _app.Services;
    public Uri BaseAddress => Http.BaseAddress!;

    private BotApp(WebApplication app, string connectionString)
    {
        _app = app;
        ConnectionString = connectionString;
        Db = app.Services.GetRequiredService<NpgsqlDataSource>();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The Teams tenants of the samples and fakes, which tests treat as the local channel's organisation.</summary>
    public static readonly string[] DefaultOrgTenants =
        ["00000000-0000-0000-0000-0000000000001", Teams.TeamsTestHost.TenantId, Faults.PlatformTraffic.TenantId, "tenant-1"];

    /// <summary>The clock this bot runs on (and its Quartz scheduler): <see cref="TestClock.Shared"/> unless the test gave one.</summary>
    public TimeProvider Clock => _app.Services.GetRequiredService<TimeProvider>();

    public static async Task<BotApp> StartAsync(string name, IDictionary<string, string?>? settings = null, string? connectionString = null,
        Action<IServiceCollection, IConfiguration>? configureServices = null, TimeProvider? clock = null)
    {
        connectionString ??= await TestDatabase.CreateAsync(name);
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:HireBot"] = connectionString,
            ["urls"] = "http://127.0.0.1:0",
            ["BotEnvFile"] = "/nonexistent/bot.env",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Outbox:PollMilliseconds"] = "50",
            // Tests drive recruiters and panelists through the local channel next to Slack and Teams.
            ["Local:Enabled"] = "true",
            // ... and so the fakes' tenant and workspace are the local channel's organisation (the
            // default one): one loop is driven from several channels. The isolation tests add others.
            [$"Orgs:default:TeamsTenantIds"] = string.Join(',', DefaultOrgTenants),
            [$"Orgs:default:SlackTeamIds"] = $"{Fakes.FakeSlack.TeamId},{Fakes.FakeSlack.InstalledTeamId}",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        var app = await HireBotHost.BuildAsync([], config, (services, configuration) =>
        {
            services.AddSingleton(clock ?? TestClock.Shared);
            configureServices?.Invoke(services, configuration);
        });
        await app.StartAsync();
        return new BotApp(app, connectionString);
    }

    /// <summary>
    /// Settings that make the bot listen on a loopback port chosen now and name that address as
    /// <c>PublicUrl</c>, as a deployment names its public address: with Teams or Slack
    /// connected, charts are linked only when it is set, and the fakes fetch images from it.
    /// </summary>
    public static Dictionary<string, string?> PublicChartSettings()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        return new() { ["urls"] = url, ["PublicUrl"] = url };
    }

    /// <summary>
    /// Types a command on the local channel as <paramref name="from"/> and returns its answer
    /// (kind, data, isError, public) once the inbox worker has run it and the outbox delivered it.
    /// </summary>
    public async Task<JsonObject> SayAsync(string from, string text) =>
        await AnswerAsync(await Http.PostAsJsonAsync("/local/messages", new { from, text }));

    /// <summary>Clicks a card button (or submits a card) on the local channel as <paramref name="from"/> and returns its answer (as <see cref="SayAsync"/>).</summary>
    public async Task<JsonObject> ClickAsync(string from, string verb, JsonObject data) =>
        await AnswerAsync(await Http.PostAsJsonAsync("/local/actions", new { from, verb, data }));

    /// <summary>
    /// The answer to a request the local channel accepted (202 with its id): read with the long
    /// poll of GET /local/messages?replyTo=, as a client of the local channel does.
    /// </summary>
    public async Task<JsonObject> AnswerAsync(HttpResponseMessage accepted)
    {
        using (accepted)
        {
            if (accepted.StatusCode != System.Net.HttpStatusCode.Accepted)
                throw new HttpRequestException($"The local channel answered {(int)accepted.StatusCode}, not 202: {await accepted.Content.ReadAsStringAsync()}");
            var id = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var deadline = TestClock.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                var replies = (await Http.GetFromJsonAsync<JsonArray>($"/local/messages?replyTo={Uri.EscapeDataString(id)}&wait=10"))!;
                if (replies.Count > 0) return replies[0]!["reply"]!.AsObject();
                if (TestClock.UtcNow > deadline) throw new TimeoutException($"No answer to local request {id} within 30 s.");
            }
        }
    }

    /// <summary>Waits until the local channel has recorded messages matching <paramref name="match"/>.</summary>
    public async Task<List<JsonObject>> WaitForLocalAsync(Func<JsonObject, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = TestClock.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var all = (await Http.GetFromJsonAsync<JsonArray>("/local/messages"))!.Select(n => n!.AsObject()).Where(match).ToList();
            if (all.Count >= count || TestClock.UtcNow > deadline) return all;
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Stops at once, as near to a killed process as one process allows: the shutdown token is
    /// already cancelled, so in-flight work is abandoned rather than drained. Do not dispose after.
    /// </summary>
    public async Task KillAsync()
    {
        Http.Dispose();
        try { await _app.StopAsync(new CancellationToken(canceled: true)); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
        ClosePools();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        ClosePools();
    }

    /// <summary>
    /// Quartz opens its connections through Npgsql's shared pools, which outlive the host: closed
    /// here, or a long run of test classes holds idle connections until the server turns new ones away.
    /// </summary>
    private void ClosePools()
    {
        using var quartz = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(quartz);
    }
}
