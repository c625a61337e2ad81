using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace HireBot.Tests.Teams;

/// <summary>Builds connector-style POSTs to /api/messages.</summary>
public static class InboundRequests
{
    public const string TeamsServiceUrl = "https://smba.trafficmanager.net/teams/";

    /// <summary>The personal-chat sample as real Teams would send it: Teams serviceUrl, our bot id.</summary>
    public static JsonObject PersonalMessage(string serviceUrl = TeamsServiceUrl, string channelId = "msteams")
    {
        var activity = Samples.Activity("message-personal");
        activity["serviceUrl"] = serviceUrl;
        activity["channelId"] = channelId;
        activity["recipient"]!["id"] = $"28:{TeamsTestHost.AppId}";
        return activity;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonNode activity, string? authorization) =>
        PostRawAsync(client, activity.ToJsonString(), authorization);

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return client.SendAsync(request);
    }
}
