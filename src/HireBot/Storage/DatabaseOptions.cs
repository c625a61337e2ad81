namespace HireBot.Storage;

/// <summary>
/// Where the data lives. With no connection string (<c>ConnectionStrings__HireBot</c>) the bot
/// starts a private PostgreSQL cluster from the machine's server binaries in <see cref="DataDirectory"/>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Folder of the embedded cluster (setting <c>Database__DataDirectory</c>).</summary>
    public string DataDirectory { get; set; } = ".hirebot";

    /// <summary>Folder holding initdb and pg_ctl (setting <c>Database__PostgresBinDirectory</c>); found on PATH or under /usr/lib/postgresql when empty.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>Turns off fsync for throwaway clusters (tests and benchmarks only).</summary>
    public bool Throwaway { get; set; }
}
