using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HireBot.Ats.Ashby;
using HireBot.Tests.Fakes.Ashby;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HireBot.Tests.Fakes;

/// <summary>A request the fake received: method, Authorization header and raw body.</summary>
public sealed record FakeAshbyCall(string Method, string? Authorization, string Body, int Status);

/// <summary>
/// A loopback Ashby: the RPC methods HireBot calls, <c>POST /{method}</c> with a JSON body, answering
/// Ashby's envelope (<c>success</c>, <c>results</c>, <c>moreDataAvailable</c>/<c>nextCursor</c>,
/// <c>syncToken</c> on the last page, <c>errorInfo</c> with HTTP 200 for refusals). Requires HTTP Basic
/// with <see cref="ApiKey"/> as user name and an empty password. Records every call, every feedback
/// submission and note; signs webhooks as Ashby does; and on cue answers a share of calls with 429
/// (Retry-After), 503, or, for writes, stores the write and then answers 500 as when an answer is lost.
/// </summary>
public sealed class FakeAshby : IAsyncDisposable
{
    public const string ApiKey = "ashby-fake-api-key";
    public const string WebhookSecret = "ashby-fake-webhook-secret";

    private static readonly HashSet<string> Writes = ["applicationFeedback.submit", "candidate.createNote"];

    private readonly WebApplication _app;
    private Random? _chaos;
    private double _chaosShare;
    private int _loseWriteAnswers;

    private FakeAshby()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/{method}", HandleAsync);
    }

    public FakeAshbyStore Store { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Results per page, small so tests page; a request's <c>limit</c> can only lower it.</summary>
    public int PageSize { get; set; } = 2;

    /// <summary>Seconds sent in Retry-After with a 429.</summary>
    public int RetryAfterSeconds { get; set; }

    public ConcurrentQueue<FakeAshbyCall> Calls { get; } = new();

    /// <summary>Calls answered with an injected 429/5xx (whether or not a write was stored first).</summary>
    public ConcurrentQueue<FakeAshbyCall> Faulted { get; } = new();

    /// <summary>Exceptions the fake itself threw; a test that sees one has found a fake defect.</summary>
    public ConcurrentQueue<Exception> Faults { get; } = new();

    public IReadOnlyList<JsonObject> Submissions { get { lock (Store.Gate) return [.. Store.Feedback.Select(f => (JsonObject)f.DeepClone())]; } }

    public IReadOnlyList<JsonObject> Notes { get { lock (Store.Gate) return [.. Store.Notes.Select(n => (JsonObject)n.DeepClone())]; } }

    public static async Task<FakeAshby> StartAsync()
    {
        var ashby = new FakeAshby();
        await ashby._app.StartAsync();
        ashby.BaseUrl = new Uri(ashby._app.Urls.Single() + "/");
        return ashby;
    }

    public FakeAshbyCall[] CallsTo(string method) => [.. Calls.Where(c => c.Method == method)];

    /// <summary>From now on, <paramref name="share"/> of calls fail: a third 429, a third 503, a third (writes) stored then 500.</summary>
    public void FailRandomly(double share, int seed)
    {
        _chaosShare = share;
        _chaos = new Random(seed);
    }

    public void StopFailing() => _chaos = null;

    /// <summary>The next <paramref name="count"/> writes are stored, then answered 500: the answer is lost, the write is not.</summary>
    public void LoseWriteAnswers(int count) => Interlocked.Exchange(ref _loseWriteAnswers, count);

    /// <summary>A webhook delivery as Ashby sends it: <c>{ action, data }</c> signed with <paramref name="secret"/>.</summary>
    public static (byte[] Body, Dictionary<string, string> Headers) Webhook(string action, JsonObject data, string secret = WebhookSecret)
    {
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["action"] = action, ["data"] = data }.ToJsonString());
        return (body, new Dictionary<string, string> { [AshbyWebhooks.SignatureHeader] = AshbyWebhooks.Sign(secret, body), ["Content-Type"] = "application/json" });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext http, string method)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var authorization = http.Request.Headers.Authorization.FirstOrDefault();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey + ":"));
        if (authorization != expected)
        {
            Calls.Enqueue(new FakeAshbyCall(method, authorization, body, 401));
            await Results.Json(Refusal("invalid_api_key", "The API key is missing or invalid"), statusCode: 401).ExecuteAsync(http);
            return;
        }

        var fault = Writes.Contains(method) && Interlocked.Decrement(ref _loseWriteAnswers) >= 0 ? 500 : Roll();
        if (fault is 429 or 503 || (fault == 500 && !Writes.Contains(method)))
        {
            var status = fault == 500 ? 502 : fault;
            Record(method, authorization, body, status, faulted: true);
            if (status == 429)
            {
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await Results.Json(Refusal(status == 429 ? "rate_limit_exceeded" : "server_error", "Try again later"), statusCode: status).ExecuteAsync(http);
            return;
        }

        JsonObject? answer;
        try
        {
            var request = JsonNode.Parse(body.Length == 0 ? "{}" : body) as JsonObject ?? [];
            lock (Store.Gate)
            {
                answer = FakeAshbyMethods.Answer(this, method, request);
            }
        }
        catch (Exception error)
        {
            Faults.Enqueue(error);
            throw;
        }

        if (fault == 500)
        {
            Record(method, authorization, body, 500, faulted: true);
            await Results.Json(Refusal("server_error", "Internal error"), statusCode: 500).ExecuteAsync(http);
            return;
        }

        Record(method, authorization, body, answer is null ? 404 : 200, faulted: false);
        await (answer is null ? Results.NotFound() : Results.Json(answer)).ExecuteAsync(http);
    }

    internal static JsonObject Refusal(string code, string message) =>
        new() { ["success"] = false, ["errorInfo"] = new JsonObject { ["code"] = code, ["message"] = message, ["requestId"] = Guid.NewGuid().ToString("N") } };

    private int Roll()
    {
        lock (Store.Gate)
        {
            if (_chaos is null || _chaos.NextDouble() >= _chaosShare)
            {
                return 0;
            }

            return _chaos.Next(3) switch { 0 => 429, 1 => 503, _ => 500 };
        }
    }

    private void Record(string method, string? authorization, string body, int status, bool faulted)
    {
        var call = new FakeAshbyCall(method, authorization, body, status);
        Calls.Enqueue(call);
        if (faulted)
        {
            Faulted.Enqueue(call);
        }
    }
}
