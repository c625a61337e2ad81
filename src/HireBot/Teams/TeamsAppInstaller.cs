using HireBot.Calendar;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace HireBot.Teams;

/// <summary>
/// Installs HireBot as a personal app for someone outside every team it is installed in, through
/// Graph (<c>POST /users/{id}/teamwork/installedApps</c> with <c>teamsApp@odata.bind</c> to the
/// org catalog app). Optional: needs the application permission
/// <c>TeamsAppInstallation.ReadWriteForUser.All</c> granted by an admin, <c>Teams__ProactiveInstall=true</c>,
/// <c>Teams__AppCatalogId</c> and Graph configured (the calendar's app credentials). After an
/// install Teams sends the bot an installationUpdate for the new personal chat, which stores it.
/// </summary>
/// <remarks>https://learn.microsoft.com/microsoftteams/platform/graph-api/proactive-bots-and-messages/graph-proactive-bots-and-messages</remarks>
public sealed class TeamsAppInstaller(IOptions<TeamsOptions> options, IServiceProvider services)
{
    public enum Result { Installed, AlreadyInstalled, Retryable, Refused, NotFound }

    private GraphServiceClient? Graph => services.GetService<GraphServiceClient>();

    /// <summary>The setting is on, the catalog id is known and Graph is configured.</summary>
    public bool IsEnabled => options.Value.ProactiveInstall && !string.IsNullOrWhiteSpace(options.Value.AppCatalogId) && Graph is not null;

    public async Task<Result> InstallForUserAsync(string userIdOrEmail, CancellationToken ct)
    {
        var graph = Graph ?? throw new InvalidOperationException("Graph is not configured");
        var baseUrl = services.GetService<IOptions<GraphOptions>>()?.Value.BaseUrl.AbsoluteUri.TrimEnd('/') ?? "https://graph.microsoft.com/v1.0";
        var installation = new UserScopeTeamsAppInstallation
        {
            AdditionalData = new Dictionary<string, object> { ["teamsApp@odata.bind"] = $"{baseUrl}/appCatalogs/teamsApps/{options.Value.AppCatalogId}" },
        };
        try
        {
            await graph.Users[userIdOrEmail].Teamwork.InstalledApps.PostAsync(installation, cancellationToken: ct);
            return Result.Installed;
        }
        catch (ODataError e)
        {
            return e.ResponseStatusCode switch
            {
                409 => Result.AlreadyInstalled,
                404 => Result.NotFound,
                429 or >= 500 => Result.Retryable,
                _ => Result.Refused,
            };
        }
        catch (HttpRequestException)
        {
            return Result.Retryable;
        }
    }
}
