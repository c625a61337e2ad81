// HireBot: structured interview loops for Teams and Slack. See README.md.
var app = await HireBot.HireBotHost.BuildAsync(args);
await app.RunAsync();

public partial class Program;
