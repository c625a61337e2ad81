using HireBot.Slack;

namespace HireBot.Tests.Slack;

public sealed class SlackManifestTests
{
    private readonly SlackManifestReader manifest = SlackManifestReader.Load();

    [Fact]
    public void Every_url_in_the_manifest_is_a_route_the_code_maps()
    {
        var paths = manifest.HostPaths();

        Assert.Equal(4, paths.Count);
        Assert.All(paths, p => Assert.Contains(p, SlackRoutes.All));
    }

    [Fact]
    public void Commands_interactivity_events_and_oauth_each_point_at_their_route()
    {
        Assert.Contains(SlackRoutes.Commands, manifest.HostPaths());
        Assert.Contains(SlackRoutes.Interactions, manifest.HostPaths());
        Assert.Contains(SlackRoutes.Events, manifest.HostPaths());
        Assert.Equal(["https://YOUR_HOST" + SlackRoutes.OAuthCallback], manifest.List("oauth_config", "redirect_urls"));
    }

    [Fact]
    public void Every_web_api_method_the_client_calls_has_its_scope_in_the_manifest()
    {
        var scopes = manifest.List("oauth_config", "scopes", "bot");

        Assert.All(SlackMethodCatalog.All.Where(m => m.Scope is not null), m => Assert.Contains(m.Scope!, scopes));
        Assert.Contains(SlackMethodCatalog.CommandsScope, scopes);
    }

    [Fact]
    public void Manifest_scopes_equal_what_the_install_link_requests()
    {
        var scopes = manifest.List("oauth_config", "scopes", "bot");

        Assert.Equal(scopes.Order(), new SlackOptions().BotScopes.Order());
    }

    [Fact]
    public void Subscribed_bot_events_are_ones_the_parser_turns_into_records()
    {
        string[] understood = ["app_uninstalled", "tokens_revoked", "app_home_opened"];

        var events = manifest.List("settings", "event_subscriptions", "bot_events");

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Contains(e, understood));
    }

    [Fact]
    public void Slash_command_is_hire()
    {
        var commands = manifest.List("features", "slash_commands");

        Assert.Equal(["command: /hire"], commands);
    }
}
