using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HireBot.Teams;

/// <summary>
/// The Bot Connector REST API calls HireBot makes, against the serviceUrl of the conversation.
/// Our token goes only to a serviceUrl in <see cref="TrustedServiceUrls"/>; any other is refused
/// before a byte is sent. Results are classified, never thrown.
/// </summary>
/// <remarks>https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference</remarks>
public sealed class BotConnectorClient(
    HttpClient http,
    ConnectorTokenProvider tokens,
    TrustedServiceUrls trustedServiceUrls,
    IOptions<TeamsOptions> options,
    ILogger<BotConnectorClient> logger)
{
    /// <summary><c>POST /v3/conversations/{conversationId}/activities</c>: a new message (in a channel: a new thread when the id has no <c>;messageid=</c>).</summary>
    public Task<ConnectorResult<ResourceResponse>> SendToConversationAsync(
        string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>("SendToConversation", HttpMethod.Post, serviceUrl,
            $"v3/conversations/{Segment(conversationId)}/activities", activity, cancellationToken);

    /// <summary><c>POST /v3/conversations/{conversationId}/activities/{activityId}</c>: reply in the thread of <paramref name="replyToId"/>.</summary>
    public Task<ConnectorResult<ResourceResponse>> ReplyToActivityAsync(
        string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>("ReplyToActivity", HttpMethod.Post, serviceUrl,
            $"v3/conversations/{Segment(conversationId)}/activities/{Segment(replyToId)}", activity with { ReplyToId = replyToId }, cancellationToken);

    /// <summary><c>PUT /v3/conversations/{conversationId}/activities/{activityId}</c>: replace a sent message, e.g. a card after submit.</summary>
    public Task<ConnectorResult<ResourceResponse>> UpdateActivityAsync(
        string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>("UpdateActivity", HttpMethod.Put, serviceUrl,
            $"v3/conversations/{Segment(conversationId)}/activities/{Segment(activityId)}", activity with { Id = activityId }, cancellationToken);

    /// <summary>
    /// <c>POST /v3/conversations</c> for a 1:1 chat with <paramref name="userId"/> (the <c>29:</c> id):
    /// <c>isGroup</c> false, exactly one member, the tenant id (required by Teams) and the bot as
    /// <c>28:{appId}</c>. Works only where the app is installed for that user; 403 otherwise.
    /// </summary>
    /// <remarks>https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages</remarks>
    public Task<ConnectorResult<ConversationResourceResponse>> CreatePersonalConversationAsync(
        string serviceUrl, string userId, string tenantId, CancellationToken cancellationToken)
    {
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = $"28:{options.Value.MicrosoftAppId}" },
            Members = [new ChannelAccount { Id = userId }],
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Tenant = new TeamsChannelDataItem { Id = tenantId } },
        };
        return SendAsync<ConversationResourceResponse>("CreateConversation", HttpMethod.Post, serviceUrl, "v3/conversations", parameters, cancellationToken);
    }

    /// <summary><c>GET /v3/conversations/{conversationId}/members/{memberId}</c>: email, UPN and Entra object id of a member.</summary>
    public Task<ConnectorResult<TeamsMember>> GetMemberAsync(
        string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) =>
        SendAsync<TeamsMember>("GetMember", HttpMethod.Get, serviceUrl,
            $"v3/conversations/{Segment(conversationId)}/members/{Segment(memberId)}", null, cancellationToken);

    /// <summary>
    /// <c>GET /v3/conversations/{teamOrConversationId}/pagedmembers?pageSize=…&amp;continuationToken=…</c>:
    /// one page of a team's or group chat's roster (id, aadObjectId, email, userPrincipalName, tenantId).
    /// Teams may answer fewer members than asked; keep asking while a continuation token comes back.
    /// </summary>
    /// <remarks>https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#fetch-the-roster-or-user-profile</remarks>
    public Task<ConnectorResult<PagedMembersResult>> GetPagedMembersAsync(
        string serviceUrl, string conversationId, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var query = $"pageSize={pageSize}" + (continuationToken is null ? "" : $"&continuationToken={Uri.EscapeDataString(continuationToken)}");
        return SendAsync<PagedMembersResult>("GetPagedMembers", HttpMethod.Get, serviceUrl,
            $"v3/conversations/{Segment(conversationId)}/pagedmembers?{query}", null, cancellationToken);
    }

    // Conversation ids hold ':', ';', '@' and '='; each id must stay one path segment.
    private static string Segment(string value) => Uri.EscapeDataString(value);

    private async Task<ConnectorResult<T>> SendAsync<T>(
        string operation, HttpMethod method, string serviceUrl, string path, object? body, CancellationToken cancellationToken)
    {
        if (!trustedServiceUrls.IsTrusted(serviceUrl))
        {
            TeamsLog.UntrustedServiceUrl(logger, Uri.TryCreate(serviceUrl, UriKind.Absolute, out var u) ? u.Host : "(invalid)");
            return ConnectorResult<T>.Refused("UntrustedServiceUrl");
        }
        string? token;
        try
        {
            token = await tokens.GetTokenAsync(cancellationToken);
        }
        catch (ConnectorTokenUnavailableException e)
        {
            return new ConnectorResult<T>(e.IsRetryable ? ConnectorOutcome.Retryable : ConnectorOutcome.Final, 0, default, null, "TokenUnavailable", null);
        }

        using var request = new HttpRequestMessage(method, new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path));
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: TeamsJson.Options);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var result = await ConnectorResponseClassifier.ClassifyAsync<T>(response, cancellationToken);
            if (!result.Succeeded)
                TeamsLog.ConnectorFailed(logger, operation, result.StatusCode, result.Outcome, result.ErrorCode);
            return result;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            TeamsLog.ConnectorUnreachable(logger, operation, e);
            return new ConnectorResult<T>(ConnectorOutcome.Retryable, 0, default, null, "Unreachable", null);
        }
    }
}
