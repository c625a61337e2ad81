using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using HireBot.Teams;
using HireBot.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HireBot.Bench.Load;

/// <summary>
/// The bot as its own process, so its memory is its own and its first seconds are a real cold
/// start: this bench's assembly run by <c>dotnet exec</c> with the bot's own runtime settings
/// (HireBot.runtimeconfig.json: server GC, tiered compilation as <c>dotnet run --project src/HireBot</c>
/// has them), in <c>load-bot</c> mode, which builds the real host with <see cref="HireBotHost"/>
/// exactly as Program.cs does, plus two test seams: the tests' clock (the load's signatures and
/// tokens are stamped with it) and trust in the fake Entra's self-signed certificate, by hash.
/// Settings go in as command-line arguments; it prints its address and stops when its stdin closes.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    public const string Mode = "load-bot";
    private const string TrustVariable = "HIREBOT_BENCH_TRUST_CERT";
    private readonly Process _process;
    private bool _disposed;

    private BotProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>Starts the bot and returns once it listens (not yet ready: see <see cref="WaitReadyAsync"/>).</summary>
    public static async Task<BotProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string trustedCertificateHash, CancellationToken ct)
    {
        var dir = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(DotnetHost(), ["exec", "--runtimeconfig", Path.Combine(dir, "HireBot.runtimeconfig.json"),
            "--depsfile", Path.Combine(dir, "HireBot.Bench.deps.json"), Path.Combine(dir, "HireBot.Bench.dll"), Mode,
            .. settings.Select(s => $"--{s.Key}={s.Value}")])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = false, WorkingDirectory = dir,
        };
        start.Environment[TrustVariable] = trustedCertificateHash;
        // The bot's clock starts where the bench's is now, so signatures and tokens are current for it.
        start.Environment[TestClock.Variable] = TestClock.Now.ToString("O", CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the bot process");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("listening ", StringComparison.Ordinal))
            {
                _ = DrainAsync(process.StandardOutput); // keep its stdout moving
                return new BotProcess(process, new Uri(line["listening ".Length..]));
            }
            Console.WriteLine("  bot: " + line);
        }
        throw new InvalidOperationException($"the bot process ended before listening (exit {(process.HasExited ? process.ExitCode : -1)})");
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line) Console.WriteLine("  bot: " + line);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    /// <summary>Polls <c>/readyz</c> every 20 ms until it answers 200.</summary>
    public static async Task WaitReadyAsync(HttpClient http, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                using var response = await http.GetAsync("/readyz", ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(20, ct);
        }
        throw new TimeoutException("the bot did not become ready within 2 minutes");
    }

    /// <summary>Resident set size of the bot process now (VmRSS), in MiB.</summary>
    public double RssMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return double.NaN;
    }

    /// <summary>Closes the bot's stdin (it stops gracefully) and waits for it; kills it after 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try { _process.StandardInput.Close(); } catch (IOException) { }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _process.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        _process.Dispose();
    }

    /// <summary>The child side: the real host, run until stdin closes.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var hash = Environment.GetEnvironmentVariable(TrustVariable) ?? "";
        SocketsHttpHandler Trusting() => new()
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || (certificate is not null && certificate.GetCertHashString() == hash),
            },
        };
        var app = await HireBotHost.BuildAsync(args, null, (services, _) =>
        {
            services.AddSingleton<TimeProvider>(TestClock.Shared);
            services.AddHttpClient(BotFrameworkKeys.HttpClientName).ConfigurePrimaryHttpMessageHandler(Trusting);
            services.AddHttpClient(ConnectorTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(Trusting);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine("listening " + address);
        await Console.In.ReadToEndAsync(); // the bench closes stdin to stop the bot
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
        Environment.Exit(0); // as Program.cs: a library thread that ignored the stop must not keep the process alive
        return 0;
    }
}
