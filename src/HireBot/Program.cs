// HireBot: structured interview loops for Teams and Slack. See README.md.
if (args is ["demo", ..])
    return await HireBot.Demo.DemoRunner.RunAsync(CancellationToken.None);

var app = await HireBot.HireBotHost.BuildAsync(args);
await app.RunAsync();
return 0;

public partial class Program;
