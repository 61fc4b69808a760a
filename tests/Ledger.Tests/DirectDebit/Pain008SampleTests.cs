using System.Xml.Linq;
using Ledger.Domain.DirectDebit;

namespace Ledger.Tests.DirectDebit;

/// <summary>
/// The five third-party pain.008 files of ../shared/samples/pain008 get the verdicts their INDEX.md predicts: all
/// XSD-valid, none valid under the EPC rules, each for exactly the reasons the INDEX lists.
/// </summary>
public sealed class Pain008SampleTests
{
    public static TheoryData<string, string, string[]> Samples => new()
    {
        // CI BG40ZZZ507778 and creditor IBAN BG87… fail their check digits.
        { "php-sepa-xml__pain.008.001.02.ooff-1tx.xml", "02", ["ics", "iban.creditor"] },
        { "php-sepa-xml__pain.008.001.08.ooff-1tx.xml", "08", ["ics", "iban.creditor"] },
        // CI DE00ZZZ00099999999 fails; the amendment's original CI AA00ZZZ… has no valid country or check digits.
        { "php-sepa-xml__pain.008.001.02.rcur-2tx-amendment.xml", "02", ["ics", "ics.original"] },
        { "sepa_king__pain.008.001.02.frst-2tx-amendment.xml", "02", ["ics", "ics.original"] },
        // Valid CI, but creditor IBAN NL90ABNA… fails MOD 97 and the debtor address is two AdrLine only.
        { "project60-civisepa__pain.008.001.02.frst-rcur-2pmtinf.xml", "02", ["iban.creditor", "address.unstructured"] },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_CheckedAgainstXsdAndEpcRules_VerdictOfTheIndex(string file, string version, string[] expectedRules)
    {
        var bytes = File.ReadAllBytes(Path.Combine(SepaFiles.Shared, "samples", "pain008", file));

        Pain008Schema.Validate(bytes, SepaFiles.Schema(version)).ShouldBeEmpty();
        var findings = Pain008Checker.Check(XDocument.Load(new MemoryStream(bytes)));
        findings.Select(f => f.Rule).Distinct().Order().ShouldBe(expectedRules.Order(), string.Join("\n", findings));
    }

    [Fact]
    public void Sample_WithCountAndSumBroken_CheckerNamesBoth()
    {
        var bytes = File.ReadAllBytes(Path.Combine(SepaFiles.Shared, "samples", "pain008", "php-sepa-xml__pain.008.001.02.rcur-2tx-amendment.xml"));
        var text = System.Text.Encoding.UTF8.GetString(bytes).Replace("<NbOfTxs>2</NbOfTxs>", "<NbOfTxs>3</NbOfTxs>").Replace("6543.14", "6543.15");

        var rules = Pain008Checker.Check(XDocument.Parse(text)).Select(f => f.Rule).ToHashSet();

        rules.ShouldContain("count.group");
        rules.ShouldContain("count.pmtinf");
        rules.ShouldContain("sum.group");
        rules.ShouldContain("sum.pmtinf");
    }
}
