using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HireBot.Tests.Fakes.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HireBot.Tests.Fakes;

/// <summary>
/// Loopback Slack: the Web API methods HireBot calls under /api/{method}, and response_url hooks
/// under /hooks/{id}. Checks bearer tokens as Slack does (HTTP 200, not_authed / invalid_auth),
/// records every request, and answers 429 with Retry-After, 5xx or ok:false on cue. Channels added
/// with <see cref="AddChannel"/> refuse posts as Slack does (not_in_channel, channel_not_found,
/// is_archived) until the bot joins or is invited; <see cref="Unreachable"/> drops every Web API
/// connection and <see cref="Delay"/> holds every answer (an API that is down or slow). Image blocks
/// in chat.postMessage / chat.update are downloaded before the post is accepted, as Slack does
/// (<see cref="FakeSlackImages"/>, recorded in <see cref="ImageFetches"/>).
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    public const string TeamId = "T0FAKE001";
    public const string BotToken = "xoxb-fake-bot-token";
    public const string ClientId = "1111.2222";
    public const string ClientSecret = "fake-client-secret";
    public const string ValidCode = "fake-install-code";
    public const string InstalledTeamId = "T9TK3CUKW";
    public const string InstalledBotToken = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<HttpResponse, Task>> cues = new();
    private readonly ConcurrentDictionary<string, FakeSlackUser> users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, FakeSlackChannel> channels = new(StringComparer.Ordinal);
    private int sequence;
    private Random? chaos;
    private double chaosShare;
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> channelBuckets = new(StringComparer.Ordinal);
    private int? channelBurst;

    /// <summary>Calls answered with a random 429 or 503 by <see cref="FailRandomly"/> (so not successes).</summary>
    public ConcurrentQueue<FakeSlackCall> Refused { get; } = new();

    /// <summary>How long every Web API call takes to answer (to hold dispatches in flight, or play a slow Slack).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>While true every Web API call is recorded and its connection dropped unanswered (Slack down or unreachable).</summary>
    public bool Unreachable { get; set; }

    private FakeSlack(WebApplication app) => this.app = app;

    public ConcurrentQueue<FakeSlackCall> Calls { get; } = new();

    /// <summary>Every image_url the fake downloaded for an image block, in order.</summary>
    public ConcurrentQueue<FakeSlackImageFetch> ImageFetches { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Value for SLACK_API_BASE_URL.</summary>
    public string ApiBaseUrl => new Uri(BaseAddress, "api/").AbsoluteUri;

    public string ResponseUrl(string id) => new Uri(BaseAddress, $"hooks/{id}").AbsoluteUri;

    /// <summary>The settings of a single-workspace bot pointed at this fake (signing secret, bot token, API and response_url hosts).</summary>
    public Dictionary<string, string?> BotSettings() => new()
    {
        ["SLACK_SIGNING_SECRET"] = Slack.SlackSigner.Secret,
        ["SLACK_BOT_TOKEN"] = BotToken,
        ["SLACK_API_BASE_URL"] = ApiBaseUrl,
        ["SLACK_RESPONSE_URL_HOSTS"] = "127.0.0.1",
    };

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.MapPost("/api/{method}", (HttpContext http, string method) => fake.ApiAsync(http, method));
        app.MapPost("/hooks/{id}", (HttpContext http, string id) => fake.HookAsync(http, id));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        fake.AddUser(new FakeSlackUser("W012A3CDE", "spengler@ghostbusters.example.com", "Egon Spengler", "America/Los_Angeles"));
        return fake;
    }

    public void AddUser(FakeSlackUser user) => users[user.Id] = user;

    /// <summary>Adds (or replaces) a channel; inviting the bot to a private channel is AddChannel(c with { BotIsMember = true }).</summary>
    public void AddChannel(FakeSlackChannel channel) => channels[channel.Id] = channel;

    /// <summary>The channel as the fake holds it now (joins change BotIsMember).</summary>
    public FakeSlackChannel? Channel(string id) => channels.GetValueOrDefault(id);

    /// <summary>The next call to method (or hook id) answers HTTP 200 {"ok":false,"error":code}.</summary>
    public void FailNext(string method, string code) =>
        cues[method] = r => WriteAsync(r, FakeSlackPayloads.Error(code));

    public void RateLimitNext(string method, int retryAfterSeconds) => cues[method] = r =>
    {
        r.StatusCode = StatusCodes.Status429TooManyRequests;
        r.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    };

    public void ServerErrorNext(string method, int status = StatusCodes.Status503ServiceUnavailable) =>
        cues[method] = r => { r.StatusCode = status; return Task.CompletedTask; };

    /// <summary>A response_url hook answering 404 with Slack's plain-text code (e.g. expired_url).</summary>
    public void ExpireHook(string id, string code = "expired_url") => cues[id] = async r =>
    {
        r.StatusCode = StatusCodes.Status404NotFound;
        await r.WriteAsync(code);
    };

    /// <summary>From now on a seeded random share of Web API calls answers 429 (Retry-After: 1) or 503.</summary>
    public void FailRandomly(double share, int seed)
    {
        chaosShare = share;
        chaos = new Random(seed);
    }

    /// <summary>
    /// From now on chat.postMessage keeps Slack's documented pace of about one message per second per
    /// channel with short bursts (https://docs.slack.dev/apis/web-api/rate-limits): a channel's posts
    /// beyond <paramref name="burst"/> in a row, refilled at one a second, answer 429 with Retry-After: 1.
    /// </summary>
    public void EnforceChannelRate(int burst) => channelBurst = burst;

    public FakeSlackCall[] CallsTo(string method) => [.. Calls.Where(c => c.Method == method)];

    /// <summary>
    /// The bodies posted to response_url <paramref name="id"/>, once at least <paramref name="count"/>
    /// arrived or <paramref name="seconds"/> passed (the caller asserts on what came).
    /// </summary>
    public async Task<JsonNode[]> HookPostsAsync(string id, int count = 1, int seconds = 15)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (CallsTo("hooks/" + id).Length < count && waited.Elapsed < TimeSpan.FromSeconds(seconds)) await Task.Delay(25);
        return [.. CallsTo("hooks/" + id).Select(c => JsonNode.Parse(c.Body)!)];
    }

    /// <summary>The one post to response_url <paramref name="id"/> (waits for it; fails the test when none or several came).</summary>
    public async Task<JsonNode> HookPostAsync(string id, int seconds = 15) => await HookPostsAsync(id, 1, seconds) is [var only]
        ? only
        : throw new InvalidOperationException($"expected one post to response_url {id}, got {CallsTo("hooks/" + id).Length}");

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task ApiAsync(HttpContext http, string method)
    {
        var call = await RecordAsync(http, method);
        if (cues.TryRemove(method, out var cue))
        {
            await cue(http.Response);
            return;
        }

        if (Unreachable)
        {
            http.Abort();
            return;
        }

        if (Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(Delay, http.RequestAborted); }
            catch (OperationCanceledException) { return; } // the caller gave up waiting
        }

        if (method == "chat.postMessage" && OverChannelRate(call))
        {
            Refused.Enqueue(call);
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = "1";
            return;
        }

        if (Roll() is { } status)
        {
            Refused.Enqueue(call);
            http.Response.StatusCode = status;
            if (status == StatusCodes.Status429TooManyRequests) http.Response.Headers.RetryAfter = "1";
            return;
        }

        var answer = FakeSlackApi.Answer(call, users, channels, Interlocked.Increment(ref sequence));
        if (answer["ok"]?.GetValue<bool>() == true && await FakeSlackImages.CheckAsync(call, ImageFetches, http.RequestAborted) is { } refused)
            answer = refused;
        await WriteAsync(http.Response, answer);
    }

    private bool OverChannelRate(FakeSlackCall call)
    {
        if (channelBurst is not { } burst) return false;
        var channel = call.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true
            && call.Json.TryGetProperty("channel", out var c) ? c.GetString() ?? "" : call.Form.GetValueOrDefault("channel", "");
        lock (channelBuckets)
        {
            var (tokens, at) = channelBuckets.GetValueOrDefault(channel, (burst, call.At));
            tokens = Math.Min(burst, tokens + (call.At - at).TotalSeconds);
            var over = tokens < 1;
            channelBuckets[channel] = (over ? tokens : tokens - 1, call.At);
            return over;
        }
    }

    private int? Roll()
    {
        if (chaos is null) return null;
        lock (chaos)
            return chaos.NextDouble() >= chaosShare ? null
                : chaos.Next(2) == 0 ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
    }

    private async Task HookAsync(HttpContext http, string id)
    {
        await RecordAsync(http, "hooks/" + id);
        if (cues.TryRemove(id, out var cue))
        {
            await cue(http.Response);
            return;
        }

        // Delay holds response_url posts too; Unreachable is the Web API's (hooks are another host).
        if (Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(Delay, http.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }

        await http.Response.WriteAsync("ok");
    }

    private async Task<FakeSlackCall> RecordAsync(HttpContext http, string method)
    {
        var request = http.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        var form = request.HasFormContentType
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString())
            : [];
        var call = new FakeSlackCall(request.Path, method, request.Headers.Authorization, request.ContentType, body, form);
        Calls.Enqueue(call);
        return call;
    }

    private static Task WriteAsync(HttpResponse response, JsonObject body)
    {
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(body.ToJsonString());
    }
}
