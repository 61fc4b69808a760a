namespace Reconciliation.Tests.Conformance;

/// <summary>
/// Finds the third-party statement samples, which stay in ../shared (never copied into the repository): the env var
/// RENT_SHARED_DIR (the shared folder) or the folder next to the one holding Payments.sln. Absent samples fail the test
/// with a plain message instead of letting the conformance suite pass on nothing.
/// </summary>
public static class SharedSamples
{
    public static string StatementsDirectory()
    {
        var env = Environment.GetEnvironmentVariable("RENT_SHARED_DIR");
        if (!string.IsNullOrWhiteSpace(env))
        {
            var fromEnv = Path.Combine(env, "samples", "statements");
            return Directory.Exists(fromEnv)
                ? fromEnv
                : throw new InvalidOperationException($"RENT_SHARED_DIR is set but {fromEnv} does not exist: the statement samples are absent, conformance cannot be checked.");
        }
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Payments.sln"))) dir = dir.Parent;
        if (dir == null) throw new InvalidOperationException("Payments.sln not found above the test binaries: cannot locate ../shared/samples/statements (set RENT_SHARED_DIR).");
        var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples", "statements"));
        return Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"statement samples are absent: {path} does not exist (set RENT_SHARED_DIR to the shared folder); conformance cannot be checked.");
    }

    public static string File(string relative)
    {
        var path = Path.Combine(StatementsDirectory(), relative);
        return System.IO.File.Exists(path) ? path : throw new InvalidOperationException($"statement sample {relative} is absent from {StatementsDirectory()}.");
    }

    /// <summary>An ISO 20022 schema of ../shared/reference/xsd (the statements folder's sibling tree).</summary>
    public static string Xsd(string name)
    {
        var path = Path.GetFullPath(Path.Combine(StatementsDirectory(), "..", "..", "reference", "xsd", name));
        return System.IO.File.Exists(path) ? path : throw new InvalidOperationException($"schema {name} is absent: {path} does not exist.");
    }
}
