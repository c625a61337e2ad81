using HireBot.Calendar;
using HireBot.Calendar.Google;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HireBot.Tests.Calendar;

/// <summary>Which calendar the host registers for which settings (<see cref="CalendarExtensions.AddCalendars"/>).</summary>
public sealed class CalendarProviderTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    private static readonly (string, string)[] Google =
    [
        ("Google:ServiceAccountEmail", "hirebot@p.iam.gserviceaccount.com"),
        ("Google:PrivateKey", "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n"),
        ("Google:OrganizerEmail", "recruiting@example.com"),
    ];

    [Fact]
    public void Without_Google_settings_or_a_provider_the_local_calendar_is_the_calendar_as_before()
    {
        var services = new ServiceCollection().AddCalendars(Configuration());

        Assert.Contains(services, d => d.ServiceType == typeof(ICalendar) && d.ImplementationType == typeof(LocalCalendar));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(CalendarRouter));
    }

    [Fact]
    public void Google_settings_put_the_router_in_front_of_the_calendars()
    {
        var services = new ServiceCollection().AddCalendars(Configuration(Google));

        Assert.Single(services, d => d.ServiceType == typeof(ICalendar));
        Assert.Contains(services, d => d.ServiceType == typeof(CalendarRouter));
        Assert.Contains(services, d => d.ServiceType == typeof(GoogleCalendar));
    }

    [Fact]
    public void A_provider_named_but_not_configured_stops_the_start_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddCalendars(
            Configuration(("Calendar:Provider", "graph"), ("Orgs:acme:CalendarProvider", "google"), ("Orgs:beta:CalendarProvider", "outlook"))));

        Assert.Contains(error.Failures, f => f.StartsWith("Calendar__Provider=graph", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Orgs__acme__CalendarProvider=google", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Orgs__beta__CalendarProvider='outlook'", StringComparison.Ordinal));
    }

    [Fact]
    public void Partial_Google_settings_fail_naming_each_missing_variable()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddCalendars(
            Configuration(("Google:OrganizerEmail", "recruiting@example.com"), ("Google:MaxCalendarsPerFreeBusyCall", "51"))));

        Assert.Contains(error.Failures, f => f.StartsWith("Google__ServiceAccountEmail", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Google__PrivateKey", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Google__MaxCalendarsPerFreeBusyCall", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("interview:0b7e8f7e-0000-7000-8000-000000000001")]
    [InlineData("interview:0b7e8f7e-0000-7000-8000-000000000001:2")]
    public void Event_ids_are_base32hex_stable_and_distinct_per_transaction(string transactionId)
    {
        var id = GoogleEventJson.EventId(transactionId);

        Assert.Matches("^[a-v0-9]{5,1024}$", id);
        Assert.Equal(id, GoogleEventJson.EventId(transactionId));
        Assert.NotEqual(id, GoogleEventJson.EventId(transactionId + "x"));
    }
}
