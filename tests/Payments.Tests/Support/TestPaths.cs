namespace Payments.Tests.Support;

/// <summary>Where the repository, the shared reference data and the artifacts are.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ArtifactsDir(params string[] parts)
    {
        var dir = Path.Combine([RepoRoot, "artifacts", .. parts]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>../shared next to the repository, or RENT_SHARED_DIR. Missing data is a failure, never a skip.</summary>
    public static string SharedDir()
    {
        var fromEnv = Environment.GetEnvironmentVariable("RENT_SHARED_DIR");
        var dir = !string.IsNullOrWhiteSpace(fromEnv) ? fromEnv : Path.Combine(Path.GetDirectoryName(RepoRoot)!, "shared");
        if (!Directory.Exists(Path.Combine(dir, "adyen-data")))
        {
            throw new InvalidOperationException($"The shared reference data is missing: expected {dir}/adyen-data (set RENT_SHARED_DIR to its folder).");
        }
        return dir;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Payments.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Payments.sln not found above " + AppContext.BaseDirectory);
    }
}
