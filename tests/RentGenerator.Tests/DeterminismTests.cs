using System.Security.Cryptography;

namespace RentGenerator.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Generate_SameSeedTwice_WritesTheSameBytes()
    {
        using var a = new GeneratedFolder();
        using var b = new GeneratedFolder();

        a.Files.ShouldBe(b.Files);
        foreach (var f in a.Files)
        {
            Hash(a.File(f)).ShouldBe(Hash(b.File(f)), f);
        }
    }

    [Fact]
    public void Generate_AnotherSeed_WritesOtherStatements()
    {
        var one = Generator.Generate(GeneratedFolder.Options);
        var other = Generator.Generate(GeneratedFolder.Options with { Seed = 8 });

        one.Months[0].Entries.Select(e => e.Cents).ShouldNotBe(other.Months[0].Entries.Select(e => e.Cents));
    }

    [Fact]
    public void Generate_MoreTenants_KeepsTheFirstTenantsAsTheyWere()
    {
        var small = Generator.Generate(GeneratedFolder.Options with { Tenants = 50, Months = 1 });
        var large = Generator.Generate(GeneratedFolder.Options with { Tenants = 80, Months = 1 });

        large.Landlord.Tenants.Take(50).Select(t => (t.Reference.Value, t.Name, t.Iban, t.Channel))
            .ShouldBe(small.Landlord.Tenants.Select(t => (t.Reference.Value, t.Name, t.Iban, t.Channel)));
    }

    [Fact]
    public void Generate_ChannelMix_IsNearTheIssuesShares()
    {
        var g = Generator.Generate(GeneratedFolder.Options with { Tenants = 20_000, Months = 1 });
        var share = g.Landlord.Tenants.GroupBy(t => t.Channel).ToDictionary(x => x.Key, x => 100.0 * x.Count() / g.Landlord.Tenants.Count);

        share[Channel.DirectDebit].ShouldBe(45, 1.5);
        share[Channel.Transfer].ShouldBe(25, 1.5);
        share[Channel.Card].ShouldBe(15, 1.5);
        share[Channel.Cheque].ShouldBe(8, 1);
        share[Channel.Eficash].ShouldBe(5, 1);
        share[Channel.TipSepa].ShouldBe(2, 0.5);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
