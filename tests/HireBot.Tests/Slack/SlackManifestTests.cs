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

        Assert.All(CalledMethods().SelectMany(m => m.Scopes), s => Assert.Contains(s, scopes));
        Assert.Contains(SlackMethodCatalog.CommandsScope, scopes);
    }

    [Fact]
    public void The_manifest_asks_for_no_scope_the_code_does_not_call_for()
    {
        var needed = CalledMethods().SelectMany(m => m.Scopes).Append(SlackMethodCatalog.CommandsScope).Distinct().Order();

        Assert.Equal(needed, manifest.List("oauth_config", "scopes", "bot").Order());
    }

    [Fact]
    public void Every_method_in_the_catalog_is_called_and_every_call_goes_through_the_catalog()
    {
        var called = CalledMethods().Select(m => m.Name).Order().ToList();

        Assert.Equal(SlackMethodCatalog.All.Select(m => m.Name).Order(), called);
        // No Web API method named by hand elsewhere: a "chat.x"/"conversations.x"/"users.x"/"views.x" string
        // outside the catalog would be a call whose scope nobody checks.
        var byHand = SourceFiles().Where(f => !f.EndsWith("SlackMethodCatalog.cs", StringComparison.Ordinal))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "HttpMethod\\.Post,\\s*\"(?<m>[a-z]+\\.[A-Za-z.0-9]+)\"").Select(m => $"{f}: {m.Groups["m"].Value}"));
        Assert.Empty(byHand);
    }

    /// <summary>The catalog entries the code hands to the Web API client's one CallAsync, found in the source.</summary>
    private static IReadOnlyList<SlackMethodInfo> CalledMethods()
    {
        var names = SourceFiles()
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"CallAsync\(SlackMethodCatalog\.(?<field>\w+)"))
            .Select(m => m.Groups["field"].Value).Distinct().ToList();
        Assert.NotEmpty(names);
        return [.. names.Select(n => (SlackMethodInfo)typeof(SlackMethodCatalog).GetField(n)!.GetValue(null)!)];
    }

    private static IEnumerable<string> SourceFiles()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "HireBot", "Slack"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return Directory.EnumerateFiles(Path.Combine(dir.FullName, "src", "HireBot"), "*.cs", SearchOption.AllDirectories);
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
