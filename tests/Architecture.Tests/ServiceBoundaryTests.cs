using System.Reflection;
using System.Xml.Linq;

namespace Architecture.Tests;

/// <summary>
/// The three services are kept apart in code as well as on the network: payments and reconciliation may share the small
/// Primitives project (Money, the references, Iban, ids) but never compile against the ledger's own projects, whose events and
/// decider are reachable only through the ledger's HTTP API. Checked twice: on the project files, transitively, so that a
/// re-added reference fails even before it is used; and on the compiled assemblies.
/// </summary>
public sealed class ServiceBoundaryTests
{
    private static readonly string[] LedgerInternals = ["Ledger.Domain", "Ledger.Api"];

    public static TheoryData<string> ServiceProjects()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "payments", "reconciliation" })
        {
            foreach (var csproj in Directory.EnumerateFiles(Path.Combine(Repo.Root, folder), "*.csproj", SearchOption.AllDirectories)
                         .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                         .Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(Repo.Root, csproj));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ServiceProjects))]
    public void ServiceProject_TransitiveProjectReferences_NeverReachTheLedgersInternals(string project)
    {
        var reached = Repo.TransitiveProjectReferences(Path.Combine(Repo.Root, project))
            .Select(Path.GetFileNameWithoutExtension)
            .ToList();

        reached.ShouldNotContain(name => LedgerInternals.Contains(name),
            $"{project} reaches {string.Join(", ", reached.Where(LedgerInternals.Contains))}: share value objects through primitives/Primitives instead");
    }

    [Fact]
    public void ServiceProjects_AreFound_SoTheRuleAboveChecksSomething()
    {
        ServiceProjects().Count.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [InlineData("Payments.Api")]
    [InlineData("Reconciliation")]
    [InlineData("recon")]
    public void ServiceAssembly_CompiledReferences_ExcludeTheLedgersInternals(string assemblyName)
    {
        var referenced = Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        referenced.ShouldNotContain(name => LedgerInternals.Contains(name));
    }

    [Fact]
    public void Primitives_DependsOnNothingOfOurs()
    {
        Repo.TransitiveProjectReferences(Path.Combine(Repo.Root, "primitives", "Primitives", "Primitives.csproj")).ShouldBeEmpty();
        Assembly.Load("Primitives").GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib")
            .ShouldBeEmpty();
    }

    [Fact]
    public void TransitiveProjectReferences_ReAddedLedgerDomainReference_IsCaught()
    {
        // The rule must be able to fail: a throwaway project that references Ledger.Domain through another one.
        var dir = Directory.CreateTempSubdirectory("arch-");
        try
        {
            var inner = Path.Combine(dir.FullName, "Inner", "Inner.csproj");
            var outer = Path.Combine(dir.FullName, "Outer", "Outer.csproj");
            Directory.CreateDirectory(Path.GetDirectoryName(inner)!);
            Directory.CreateDirectory(Path.GetDirectoryName(outer)!);
            var ledgerDomain = Path.Combine(Repo.Root, "ledger", "Ledger.Domain", "Ledger.Domain.csproj");
            File.WriteAllText(inner, $"<Project><ItemGroup><ProjectReference Include=\"{ledgerDomain}\" /></ItemGroup></Project>");
            File.WriteAllText(outer, "<Project><ItemGroup><ProjectReference Include=\"../Inner/Inner.csproj\" /></ItemGroup></Project>");

            Repo.TransitiveProjectReferences(outer).Select(Path.GetFileNameWithoutExtension).ShouldContain("Ledger.Domain");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every project reached from <paramref name="csproj"/> through ProjectReference items, as full paths.</summary>
    public static IReadOnlySet<string> TransitiveProjectReferences(string csproj)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(csproj)]);
        while (pending.TryPop(out var current))
        {
            foreach (var include in XDocument.Load(current).Descendants("ProjectReference").Select(e => (string?)e.Attribute("Include")))
            {
                if (string.IsNullOrWhiteSpace(include)) continue;
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include.Replace('\\', Path.DirectorySeparatorChar)));
                if (seen.Add(target)) pending.Push(target);
            }
        }
        return seen;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Payments.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Payments.sln not found above " + AppContext.BaseDirectory);
    }
}
