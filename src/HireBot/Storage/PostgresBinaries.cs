namespace HireBot.Storage;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) on this machine.</summary>
public static class PostgresBinaries
{
    public static string Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (File.Exists(Path.Combine(configured, "pg_ctl"))) return configured;
            throw new InvalidOperationException(
                $"Database__PostgresBinDirectory is '{configured}', but it holds no pg_ctl. Point it at the folder with initdb and pg_ctl.");
        }
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(VersionOf).Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException(
                "No PostgreSQL server binaries found (initdb and pg_ctl on PATH or under /usr/lib/postgresql/*/bin). " +
                "Install them (Debian: apt-get install postgresql), set Database__PostgresBinDirectory, " +
                "or point ConnectionStrings__HireBot at an existing database.");
    }

    private static int VersionOf(string dir) => int.TryParse(Path.GetFileName(dir), out var v) ? v : 0;
}
