using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>GET /slack/install and GET /slack/oauth/callback (https://docs.slack.dev/authentication/installing-with-oauth).</summary>
internal static class SlackOAuthEndpoints
{
    public static IResult Install(HttpContext http, IOptions<SlackOptions> options, SlackInstallFlow flow)
    {
        if (!options.Value.OAuthEnabled)
        {
            return Results.NotFound();
        }

        var start = flow.Start();
        http.Response.Cookies.Append(SlackInstallFlow.StateCookie, start.State, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax, // the callback is a top-level GET navigation from slack.com
            Path = SlackRoutes.OAuthCallback,
            MaxAge = SlackInstallFlow.StateLifetime,
        });
        return Results.Redirect(start.AuthorizeUrl.AbsoluteUri);
    }

    public static async Task<IResult> CallbackAsync(
        HttpContext http, IOptions<SlackOptions> options, SlackInstallFlow flow, [FromServices] SlackRequestHandler handler)
    {
        if (!options.Value.OAuthEnabled)
        {
            return Results.NotFound();
        }

        var query = http.Request.Query;
        var log = SlackEndpoints.Log(http);
        var check = flow.CheckState(query["state"], http.Request.Cookies[SlackInstallFlow.StateCookie]);
        http.Response.Cookies.Delete(SlackInstallFlow.StateCookie, new CookieOptions { Path = SlackRoutes.OAuthCallback });
        if (check != SlackOAuthStateCheck.Valid)
        {
            log.InstallRejected(check);
            return Results.BadRequest("The install link expired or was not started here. Start again from /slack/install.");
        }

        if (string.IsNullOrEmpty(query["code"]))
        {
            return Results.BadRequest("Slack did not grant the install.");
        }

        SlackInstallation installation;
        try
        {
            installation = await flow.CompleteAsync(query["code"]!, http.RequestAborted);
        }
        catch (SlackApiException e)
        {
            log.InstallExchangeFailed(e.ErrorCode);
            return Results.Problem("Slack refused the install code; start again from /slack/install.", statusCode: StatusCodes.Status502BadGateway);
        }

        if (!http.RequestServices.GetRequiredService<IOptions<SlackOptions>>().Value.AdmitsTeam(installation.TeamId, homeTeamId: null))
        {
            return Results.Problem("This Slack workspace is not allowed to install HireBot (SLACK_ALLOWED_TEAM_IDS).", statusCode: StatusCodes.Status403Forbidden);
        }

        await handler.OnInstalledAsync(installation, http.RequestAborted);
        log.InstallCompleted(installation.TeamId);
        return Results.Text("HireBot is installed. You can close this window and type /hire in Slack.");
    }
}
