// HireBot: structured interview loops for Teams and Slack. See README.md.
if (args is ["demo", ..])
    return await HireBot.Demo.DemoRunner.RunAsync(CancellationToken.None);

var app = await HireBot.HireBotHost.BuildAsync(args);
var exitCode = 0;
try
{
    await app.RunAsync();
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // RunAsync has already stopped what it started (the embedded cluster included).
    await Console.Error.WriteLineAsync($"HireBot could not start: {e.Message} Stop what is using it, or set urls=http://127.0.0.1:<port>.");
    exitCode = 1;
}
// The host has stopped, within its shutdown timeout. A library that ignored the stop (Quartz keeps
// retrying a job store whose database is gone, on threads of its own) must not keep the process alive.
Environment.Exit(exitCode);
return exitCode;

public partial class Program;
