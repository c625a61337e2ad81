using System.Text.Json;
using Microsoft.Extensions.Options;

namespace HireBot.Teams;

/// <summary>Maps the Bot Framework messaging endpoint.</summary>
public static class TeamsEndpoints
{
    /// <summary>
    /// <c>POST {pattern}</c>: buffer the body (capped), authenticate (401/403 with an empty body on
    /// failure, before the activity is parsed), parse into a <see cref="TeamsInbound"/>, call
    /// <paramref name="handler"/>. Non-invokes get 200; invokes get the handler's
    /// <see cref="TeamsInvokeResponse"/>, or 501 when it returns null. Logs at mapping time
    /// whether the endpoint is closed, connected or in local mode.
    /// </summary>
    public static RouteHandlerBuilder MapTeams(this IEndpointRouteBuilder app, TeamsInboundHandler handler, string pattern = "/api/messages")
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsEndpoints).FullName!);
        if (options.IsLocalMode)
            TeamsLog.LocalModeEnabled(logger, pattern);
        else if (!options.IsConnected)
            TeamsLog.NotConfigured(logger, pattern);

        return app.MapPost(pattern, (HttpContext context, BotFrameworkAuthenticator authenticator, IOptions<TeamsOptions> current) =>
            HandleAsync(context, authenticator, current.Value, handler, logger));
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, BotFrameworkAuthenticator authenticator, TeamsOptions options, TeamsInboundHandler handler, ILogger logger)
    {
        var cancellationToken = context.RequestAborted;
        if (await ReadBodyAsync(context.Request, options.MaxActivityBytes, cancellationToken) is not { } body)
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        var auth = await authenticator.AuthenticateAsync(
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
            // A proxied request never counts as loopback (local mode), whatever address it arrives from.
            body, Local.LocalEndpoints.IsDirectLoopback(context) ? context.Connection.RemoteIpAddress : null, cancellationToken);
        if (!auth.Succeeded)
            return Results.StatusCode(auth.StatusCode);

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body.Span, TeamsJson.Options);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        if (activity is null || TeamsInboundParser.Parse(activity) is not { } inbound)
            return Results.BadRequest();

        var response = await handler(inbound, context.RequestServices, cancellationToken);
        TeamsLog.ActivityHandled(logger, activity.Id, activity.Type, inbound.GetType().Name);
        if (activity.Type != ActivityTypes.Invoke)
            return Results.Ok();
        response ??= TeamsInvokeResponse.NotImplemented;
        return response.Body is null
            ? Results.StatusCode(response.HttpStatus)
            : Results.Json(response.Body, TeamsJson.Options, statusCode: response.HttpStatus);
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        int read;
        if (request.ContentLength > limit)
            return null;
        if (request.ContentLength is { } length)
        {
            // The usual case (the connector sends Content-Length, which Kestrel holds the body to):
            // one array of the body's size, read into directly.
            var exact = new byte[length];
            var filled = 0;
            while (filled < exact.Length && (read = await request.Body.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
                filled += read;
            return exact;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
