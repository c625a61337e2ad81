using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace HireBot.Tests.Teams;

/// <summary>
/// Runs scripts/pack-teams-app.py and checks the zip Teams will receive: files at the root, the app
/// id filled in, the manifest within the documented v1.24 limits, icons at the required sizes.
/// </summary>
public sealed class TeamsAppPackageTests : IDisposable
{
    private const string AppId = "5d1c7e0a-3b7f-4a8e-9a51-2f3c4d5e6f70";
    private static readonly string[] Commands = ["help", "role list", "candidate add", "schedule", "status", "summary", "nudge"];
    private readonly string _zip = Path.Combine(Path.GetTempPath(), $"hirebot-teams-{Guid.NewGuid():N}.zip");

    [Fact]
    public async Task Pack_writes_a_zip_with_the_app_id_filled_and_the_files_at_the_root()
    {
        await PackAsync();
        using var zip = ZipFile.OpenRead(_zip);

        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        var text = await new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEndAsync();
        Assert.DoesNotContain("{{", text);
        var manifest = JsonDocument.Parse(text).RootElement;
        Assert.Equal(AppId, manifest.GetProperty("id").GetString());
        var bot = Assert.Single(manifest.GetProperty("bots").EnumerateArray());
        Assert.Equal(AppId, bot.GetProperty("botId").GetString());
        Assert.Equal(["groupChat", "personal", "team"], bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order());
        Assert.Equal("https://hirebot.contoso.example/privacy", manifest.GetProperty("developer").GetProperty("privacyUrl").GetString());
    }

    [Fact]
    public async Task Manifest_stays_within_the_documented_limits_and_advertises_the_main_commands()
    {
        await PackAsync();
        using var zip = ZipFile.OpenRead(_zip);
        var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open()).RootElement;

        Assert.Equal("1.24", manifest.GetProperty("manifestVersion").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", manifest.GetProperty("version").GetString());
        Assert.InRange(manifest.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(manifest.GetProperty("description").GetProperty("short").GetString()!.Length, 1, 80);
        Assert.InRange(manifest.GetProperty("description").GetProperty("full").GetString()!.Length, 1, 4000);
        Assert.InRange(manifest.GetProperty("developer").GetProperty("name").GetString()!.Length, 1, 32);
        Assert.Matches("^#[0-9A-Fa-f]{6}$", manifest.GetProperty("accentColor").GetString());
        var lists = manifest.GetProperty("bots")[0].GetProperty("commandLists").EnumerateArray().ToList();
        Assert.InRange(lists.Count, 1, 3);
        foreach (var list in lists)
        {
            var commands = list.GetProperty("commands").EnumerateArray().ToList();
            Assert.InRange(commands.Count, 1, 12);
            Assert.All(commands, c => Assert.InRange(c.GetProperty("title").GetString()!.Length, 1, 32));
            Assert.All(commands, c => Assert.InRange(c.GetProperty("description").GetString()!.Length, 1, 128));
        }
        var personal = lists.Single(l => l.GetProperty("scopes").EnumerateArray().Any(s => s.GetString() == "personal"));
        Assert.Equal(Commands, personal.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public async Task Icons_have_the_required_size(string name, int size)
    {
        await PackAsync();
        using var zip = ZipFile.OpenRead(_zip);
        var png = ReadAll(zip.GetEntry(name)!);

        Assert.Equal("\x89PNG\r\n\x1a\n", string.Concat(png.Take(8).Select(b => (char)b)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public async Task Outline_icon_is_white_on_fully_transparent()
    {
        await PackAsync();
        using var zip = ZipFile.OpenRead(_zip);
        var pixels = RgbaRows(ReadAll(zip.GetEntry("outline.png")!), 32);

        var opaque = 0;
        for (var i = 0; i < pixels.Length; i += 4)
        {
            Assert.True(pixels[i + 3] is 0 or 255, "alpha must be fully on or off");
            if (pixels[i + 3] == 0)
                continue;
            opaque++;
            Assert.Equal([255, 255, 255], pixels[i..(i + 3)]);
        }
        Assert.InRange(opaque, 50, 32 * 32 - 50);
    }

    [Fact]
    public async Task Pack_refuses_an_app_id_that_is_not_a_guid()
    {
        var (exitCode, _) = await RunAsync("--app-id", "not-a-guid", "--website-url", "https://hirebot.contoso.example", "--out", _zip);

        Assert.NotEqual(0, exitCode);
        Assert.False(File.Exists(_zip));
    }

    public void Dispose() => File.Delete(_zip);

    private async Task PackAsync()
    {
        var (exitCode, output) = await RunAsync("--app-id", AppId.ToUpperInvariant(), "--website-url", "https://hirebot.contoso.example/", "--out", _zip);
        Assert.True(exitCode == 0, output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "pack-teams-app.py"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // Decodes the IDAT of an 8-bit RGBA PNG whose rows all use filter 0 (what make-teams-icons.py writes).
    private static byte[] RgbaRows(byte[] png, int size)
    {
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (System.Text.Encoding.ASCII.GetString(png, at + 4, 4) == "IDAT")
                idat.Write(png, at + 8, length);
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        new ZLibStream(idat, CompressionMode.Decompress).CopyTo(inflated);
        var raw = inflated.ToArray();
        var pixels = new byte[size * size * 4];
        for (var y = 0; y < size; y++)
        {
            Assert.Equal(0, raw[y * (size * 4 + 1)]);
            Array.Copy(raw, y * (size * 4 + 1) + 1, pixels, y * size * 4, size * 4);
        }
        return pixels;
    }

    private static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
}
