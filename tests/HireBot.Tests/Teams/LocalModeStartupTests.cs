using HireBot.Teams;
using Microsoft.Extensions.Configuration;

namespace HireBot.Tests.Teams;

public class LocalModeStartupTests
{
    [Theory]
    [InlineData("http://0.0.0.0:3978", true)]
    [InlineData("http://*:3978", true)]
    [InlineData("http://10.1.2.3:3978", true)]
    [InlineData("http://127.0.0.1:3978", false)]
    [InlineData("http://localhost:3978", false)]
    public void Local_mode_refuses_to_start_on_a_non_loopback_address(string urls, bool refused)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:DangerouslyAllowUnauthenticatedLoopback"] = "true",
            ["urls"] = urls,
        }).Build();

        var error = Record.Exception(() => LocalMode.EnsureLoopbackOnly(config));

        Assert.Equal(refused, error is InvalidOperationException);
        if (refused) Assert.Contains("Teams__DangerouslyAllowUnauthenticatedLoopback", error!.Message);
    }
}
