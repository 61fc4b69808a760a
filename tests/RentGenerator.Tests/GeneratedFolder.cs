using NodaTime;

namespace RentGenerator.Tests;

/// <summary>A small generated landlord written once per test class into a temporary folder, removed afterwards.</summary>
public sealed class GeneratedFolder : IDisposable
{
    public static readonly GeneratorOptions Options = new(Seed: 7, Tenants: 1000, FirstMonth: new YearMonth(2026, 11), Months: 2);

    public GeneratedFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rentgen-" + Guid.NewGuid().ToString("N"));
        Generated = Generator.Generate(Options);
        Files = Output.WriteAll(Generated, Path);
    }

    public string Path { get; }
    public Generated Generated { get; }
    public IReadOnlyList<string> Files { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public string MonthFile(YearMonth m, string name) => System.IO.Path.Combine(Path, Generator.MonthFolder(m), name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
