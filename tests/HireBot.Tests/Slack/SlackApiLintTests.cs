using System.Reflection;
using HireBot.Slack;

namespace HireBot.Tests.Slack;

/// <summary>Convention checks over the public Slack API, in the spirit of SlackNet's ApiLintTests.</summary>
public sealed class SlackApiLintTests
{
    public static TheoryData<Type> OutboundTypes => new() { typeof(SlackWebApiClient), typeof(SlackResponseUrlClient), typeof(SlackInstallFlow), typeof(SlackRequestHandler) };

    [Theory]
    [MemberData(nameof(OutboundTypes))]
    public void Every_public_async_method_ends_in_Async_and_takes_a_cancellation_token_last(Type type)
    {
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
            .ToList();

        Assert.NotEmpty(methods);
        Assert.All(methods, m =>
        {
            Assert.EndsWith("Async", m.Name);
            Assert.Equal(typeof(CancellationToken), m.GetParameters()[^1].ParameterType);
        });
    }

    [Fact]
    public void Every_method_in_the_catalog_is_one_the_fake_slack_answers()
    {
        string[] faked = ["chat.postMessage", "chat.update", "chat.postEphemeral", "conversations.open", "conversations.info", "conversations.join", "views.open", "views.update", "users.lookupByEmail", "users.info", "oauth.v2.access", "auth.test"];

        Assert.Equal(faked.Order(), SlackMethodCatalog.All.Select(m => m.Name).Order());
    }
}
