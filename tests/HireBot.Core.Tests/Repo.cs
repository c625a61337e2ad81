namespace HireBot.Core.Tests;

/// <summary>Finds the repository root (the folder holding HireBot.sln) from the test's output folder.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HireBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("HireBot.sln not found above " + AppContext.BaseDirectory);
    }
}
