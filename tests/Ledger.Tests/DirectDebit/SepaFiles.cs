using System.Xml.Schema;
using Ledger.Domain.DirectDebit;

namespace Ledger.Tests.DirectDebit;

/// <summary>The third-party files the direct-debit tests read from ../shared (never copied into the repository).</summary>
public static class SepaFiles
{
    public static string Shared
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared");
                if (File.Exists(Path.Combine(dir.FullName, "Payments.sln")) && Directory.Exists(candidate)) return Path.GetFullPath(candidate);
            }
            throw new InvalidOperationException("../shared (reference XSDs and pain.008 samples) is absent next to the repository: see README, direct debit");
        }
    }

    public static string Xsd(string version)
    {
        var path = Path.Combine(Shared, "reference", "xsd", $"pain.008.001.{version}.xsd");
        return File.Exists(path) ? path : throw new FileNotFoundException($"the ISO 20022 schema {path} is absent: the XSD checks cannot run", path);
    }

    public static XmlSchemaSet Schema(string version) => Pain008Schema.Load(Xsd(version));
}
