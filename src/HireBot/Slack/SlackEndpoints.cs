using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>
/// Maps the Slack routes. Each POST buffers the raw body (capped), verifies the signature, parses,
/// hands a neutral record to the host's <see cref="SlackRequestHandler"/> and acknowledges.
/// Answers: 413 body too large, 401 bad signature (nothing parsed), 400 unreadable command or
/// interaction (events: 200, since Slack would only retry), 200 otherwise.
/// </summary>
public static class SlackEndpoints
{
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        app.MapPost(SlackRoutes.Commands, CommandAsync);
        app.MapPost(SlackRoutes.Interactions, InteractionAsync);
        app.MapPost(SlackRoutes.Events, EventAsync);
        app.MapGet(SlackRoutes.Install, SlackOAuthEndpoints.Install);
        app.MapGet(SlackRoutes.OAuthCallback, SlackOAuthEndpoints.CallbackAsync);
        return app;
    }

    private static Task<IResult> CommandAsync(HttpContext http, [FromServices] SlackRequestHandler handler) =>
        VerifyParseAckAsync(http, SlackRoutes.Commands, body => SlackCommandParser.Parse(body), handler.OnCommandAsync);

    private static Task<IResult> InteractionAsync(HttpContext http, [FromServices] SlackRequestHandler handler) =>
        VerifyParseAckAsync(http, SlackRoutes.Interactions, body => SlackInteractionParser.Parse(body), handler.OnInteractionAsync);

    /// <summary>The shared path of commands and interactions: verify, parse, hand over, acknowledge.</summary>
    private static async Task<IResult> VerifyParseAckAsync<T>(
        HttpContext http, string route, Func<byte[], SlackParsed<T>> parse, Func<T, CancellationToken, Task<SlackAck>> handle) where T : class
    {
        var (body, failure) = await ReadVerifiedAsync(http, route, allowSslCheck: true);
        if (body is null)
        {
            return failure!;
        }

        var parsed = parse(body);
        return parsed.Ok
            ? Ack(await handle(parsed.Value!, http.RequestAborted))
            : BadRequest(http, route, parsed.Error);
    }

    private static async Task<IResult> EventAsync(HttpContext http, [FromServices] SlackRequestHandler handler)
    {
        var (body, failure) = await ReadVerifiedAsync(http, SlackRoutes.Events, allowSslCheck: false);
        if (body is null)
        {
            return failure!;
        }

        var headers = http.Request.Headers;
        var parsed = SlackEventParser.Parse(body, headers[SlackEventParser.RetryNumHeader], headers[SlackEventParser.RetryReasonHeader]);
        switch (parsed.Value)
        {
            case SlackUrlVerification v:
                return Results.Json(new Dictionary<string, string> { ["challenge"] = v.Challenge });
            case SlackEventCallback e:
                Log(http).EventReceived(e.EventId, e.Event.Type, e.TeamId, e.RetryNum);
                await handler.OnEventAsync(e, http.RequestAborted);
                return Results.Ok();
            default:
                // Signed by Slack yet unusable (e.g. app_rate_limited): a non-2xx would only be retried.
                Log(http).ParseFailed(SlackRoutes.Events, parsed.Error ?? "unsupported event");
                return Results.Ok();
        }
    }

    /// <summary>Returns the verified raw body, or the response to send instead.</summary>
    private static async Task<(byte[]? Body, IResult? Failure)> ReadVerifiedAsync(HttpContext http, string route, bool allowSslCheck)
    {
        var services = http.RequestServices;
        var max = services.GetRequiredService<IOptions<SlackOptions>>().Value.MaxBodyBytes;
        var body = await ReadCappedAsync(http.Request, max, http.RequestAborted);
        if (body is null)
        {
            Log(http).BodyTooLarge(route, max);
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        // Slack's certificate probe is unsigned; answer it and dispatch nothing (as Bolt does).
        if (allowSslCheck && SlackCommandParser.IsSslCheck(body))
        {
            Log(http).SslCheck(route);
            return (null, Results.Ok());
        }

        var headers = http.Request.Headers;
        var check = services.GetRequiredService<SlackSignatureVerifier>()
            .Verify(headers[SlackSignatureVerifier.TimestampHeader], headers[SlackSignatureVerifier.SignatureHeader], body);
        if (check != SlackSignatureCheck.Valid)
        {
            Log(http).SignatureRejected(route, check);
            return (null, Results.Unauthorized());
        }

        return (body, null);
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult Ack(SlackAck ack) => ack.Body is null ? Results.Ok() : Results.Json(ack.Body);

    private static IResult BadRequest(HttpContext http, string route, string reason)
    {
        Log(http).ParseFailed(route, reason);
        return Results.BadRequest(new Dictionary<string, string> { ["error"] = reason });
    }

    internal static ILogger Log(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HireBot.Slack");
}
