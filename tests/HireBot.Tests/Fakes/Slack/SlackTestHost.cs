using System.Globalization;
using System.Net;
using HireBot.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HireBot.Tests.Fakes.Slack;

/// <summary>
/// A Kestrel host on 127.0.0.1:0 wired as the Slack adapter is (AddSlackProtocol + MapSlack), with its
/// settings arriving through configuration keys, a FakeTimeProvider and a recording handler in place of the bot.
/// </summary>
public sealed class SlackTestHost : IAsyncDisposable
{
    public static readonly string EncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly WebApplication app;

    private SlackTestHost(WebApplication app, HttpClient client)
    {
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public FakeTimeProvider Time => (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>();

    public RecordingSlackHandler Handler => app.Services.GetRequiredService<RecordingSlackHandler>();

    public IServiceProvider Services => app.Services;

    public static async Task<SlackTestHost> StartAsync(FakeSlack? slack = null, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret,
            ["SLACK_BOT_TOKEN"] = FakeSlack.BotToken,
            ["SLACK_API_BASE_URL"] = slack?.ApiBaseUrl,
            ["SLACK_AUTHORIZE_URL"] = "https://slack.example/oauth/v2/authorize",
            ["SLACK_CLIENT_ID"] = FakeSlack.ClientId,
            ["SLACK_CLIENT_SECRET"] = FakeSlack.ClientSecret,
            ["SLACK_OAUTH_REDIRECT_URL"] = "https://bot.example/slack/oauth/callback",
            ["SLACK_TOKEN_ENCRYPTION_KEY"] = EncryptionKey,
            ["SLACK_ALLOWED_TEAM_IDS"] = $"{FakeSlack.TeamId},{FakeSlack.InstalledTeamId}",
            ["SLACK_RESPONSE_URL_HOSTS"] = "hooks.slack.com,127.0.0.1",
        }.Where(p => p.Value is not null));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T09:00:00Z", CultureInfo.InvariantCulture)));
        builder.Services.AddSlackProtocol(builder.Configuration);
        builder.Services.AddSingleton<RecordingSlackHandler>();
        builder.Services.AddSingleton<SlackRequestHandler>(sp => sp.GetRequiredService<RecordingSlackHandler>());
        var app = builder.Build();
        app.MapSlack();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(address),
        };
        return new SlackTestHost(app, client);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await Client.SendAsync(request);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }
}
