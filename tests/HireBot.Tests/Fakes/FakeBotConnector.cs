using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HireBot.Tests.Fakes;

/// <summary>
/// Loopback Bot Connector (<c>{serviceUrl}/v3/conversations…</c>). Records every request with its
/// raw path, Authorization header and body; answers 201/200 with a ResourceResponse, or the next
/// queued failure (429 with Retry-After, 503, 403 MessageWritesBlocked…).
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Failure> _failures = new();
    private int _ids;
    private Random? _chaos;
    private double _chaosShare;

    /// <summary>Requests answered with a random 429 or 503 by <see cref="FailRandomly"/> (so not successes).</summary>
    public ConcurrentQueue<RecordedRequest> Refused { get; } = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The serviceUrl to use, Teams-style with a path and trailing slash.</summary>
    public string ServiceUrl { get; }

    private FakeBotConnector(WebApplication app, string serviceUrl)
    {
        _app = app;
        ServiceUrl = serviceUrl;
    }

    public static async Task<FakeBotConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeBotConnector? self = null;
        app.Map("/teams/{**rest}", async context => await (await self!.AnswerAsync(context)).ExecuteAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self = new FakeBotConnector(app, $"{address.TrimEnd('/')}/teams/");
        return self;
    }

    /// <summary>The next request gets this answer instead of success.</summary>
    public void FailNext(int status, TimeSpan? retryAfter = null, string? errorCode = null) =>
        _failures.Enqueue(new Failure(status, retryAfter, errorCode));

    /// <summary>From now on a seeded random share of requests answers 429 (Retry-After: 1) or 503.</summary>
    public void FailRandomly(double share, int seed)
    {
        _chaosShare = share;
        _chaos = new Random(seed);
    }

    private Failure? Roll()
    {
        if (_chaos is null) return null;
        lock (_chaos)
            return _chaos.NextDouble() >= _chaosShare ? null
                : _chaos.Next(2) == 0 ? new Failure(429, TimeSpan.FromSeconds(1), "TooManyRequests") : new Failure(503, null, "ServiceUnavailable");
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var recorded = new RecordedRequest(context.Request.Method, rawTarget, context.Request.Headers.Authorization.ToString(), body);
        Requests.Enqueue(recorded);
        if (_failures.TryDequeue(out var failure) || (failure = Roll()) is not null)
        {
            if (_chaos is not null) Refused.Enqueue(recorded);
            if (failure.RetryAfter is { } wait)
                context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString();
            return Results.Json(new { error = new { code = failure.ErrorCode ?? "ServiceError", message = "fake failure" } }, statusCode: failure.Status);
        }
        var id = $"activity-{Interlocked.Increment(ref _ids)}";
        var path = context.Request.Path.Value ?? "";
        return context.Request.Method switch
        {
            "POST" when path.EndsWith("/v3/conversations", StringComparison.Ordinal) =>
                Results.Json(new { id = "a:1-fake-personal-conversation" }, statusCode: 201),
            "GET" when path.Contains("/members/", StringComparison.Ordinal) => Results.Json(new
            {
                id = "29:1-panelist",
                name = "Pat Panelist",
                aadObjectId = "6b1f8c9e-2f4a-4c1e-9d52-6f0a7b3c1d11",
                email = "pat@contoso.example",
                userPrincipalName = "pat@contoso.example",
                tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            }),
            "PUT" => Results.Json(new { id }),
            _ => Results.Json(new { id }, statusCode: 201),
        };
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public sealed record RecordedRequest(string Method, string RawTarget, string Authorization, string Body);

    private sealed record Failure(int Status, TimeSpan? RetryAfter, string? ErrorCode);
}
