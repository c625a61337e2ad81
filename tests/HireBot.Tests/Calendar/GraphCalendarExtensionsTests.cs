using HireBot.Calendar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HireBot.Tests.Calendar;

public sealed class GraphCalendarExtensionsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build();

    [Fact]
    public void Without_Graph_settings_no_calendar_is_registered()
    {
        var services = new ServiceCollection().AddGraphCalendar(Configuration());

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(ICalendar));
    }

    [Fact]
    public void Partial_Graph_settings_fail_naming_each_missing_variable()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddGraphCalendar(
            Configuration(("AZURE_TENANT_ID", "tenant"), ("Graph:AuthorityHost", "http://login.example.test/"))));

        Assert.Contains(error.Failures, f => f.StartsWith("AZURE_CLIENT_ID", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("AZURE_CLIENT_SECRET", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Graph__OrganizerMailbox", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Graph__AuthorityHost", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.StartsWith("AZURE_TENANT_ID", StringComparison.Ordinal));
    }

    [Fact]
    public void Complete_settings_register_the_Graph_calendar_with_production_defaults()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddGraphCalendar(Configuration(
                ("AZURE_TENANT_ID", "tenant"),
                ("AZURE_CLIENT_ID", "client"),
                ("AZURE_CLIENT_SECRET", "secret"),
                ("Graph:OrganizerMailbox", "recruiting@contoso.test")))
            .BuildServiceProvider();

        Assert.IsType<GraphCalendar>(provider.GetRequiredService<ICalendar>());
        var options = provider.GetRequiredService<IOptions<GraphOptions>>().Value;
        Assert.Equal(new Uri("https://graph.microsoft.com/v1.0"), options.BaseUrl);
        Assert.Equal(new Uri("https://login.microsoftonline.com/"), options.AuthorityHost);
    }
}
