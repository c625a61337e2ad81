using HireBot.Ats;
using HireBot.Ats.Ashby;
using HireBot.Tests.Fakes;
using HireBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace HireBot.Tests.Ats;

/// <summary>The real Ashby adapter, built by <see cref="AshbyExtensions.AddAshbyAts"/>, aimed at a <see cref="FakeAshby"/>.</summary>
public sealed class AshbyHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AshbyHarness(FakeAshby ashby, ServiceProvider services)
    {
        Ashby = ashby;
        _services = services;
        Adapter = services.GetRequiredService<IAtsAdapter>();
        Connection = new AtsConnection(Guid.NewGuid(), "ashby", ashby.BaseUrl, FakeAshby.ApiKey, FakeAshby.WebhookSecret, null, "backend-engineer");
    }

    public FakeAshby Ashby { get; }
    public IAtsAdapter Adapter { get; }
    public AtsConnection Connection { get; }

    public static async Task<AshbyHarness> StartAsync()
    {
        var ashby = await FakeAshby.StartAsync();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(TestClock.Shared)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddAshbyAts()
            .BuildServiceProvider();
        return new AshbyHarness(ashby, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Ashby.DisposeAsync();
    }
}
