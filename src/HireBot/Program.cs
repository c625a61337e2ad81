// HireBot: structured interview loops for Teams and Slack. See README.md.
if (args is ["demo", ..])
    return await HireBot.Demo.DemoRunner.RunAsync(CancellationToken.None);

var app = await HireBot.HireBotHost.BuildAsync(args);
try
{
    await app.RunAsync();
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // RunAsync has already stopped what it started (the embedded cluster included).
    await Console.Error.WriteLineAsync($"HireBot could not start: {e.Message} Stop what is using it, or set urls=http://127.0.0.1:<port>.");
    return 1;
}
return 0;

public partial class Program;
