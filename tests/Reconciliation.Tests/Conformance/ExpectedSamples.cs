namespace Reconciliation.Tests.Conformance;

/// <summary>Expected figures of one statement, in cents. Null balance = the format or the file has none.</summary>
public sealed record ExpectedStatement(long? Opening, long? Closing, int Entries, long Sum);

/// <summary>
/// Figures read by hand from each sample file (balances and :61:/04/Ntry amounts added up line by line; cross-checked
/// with a throw-away script that does not share code with the parsers). Where the file does not balance, the note says so
/// and the parser must warn.
/// </summary>
public static class ExpectedSamples
{
    public static readonly IReadOnlyDictionary<string, (string Format, bool Balanced, ExpectedStatement[] Statements)> All =
        new Dictionary<string, (string, bool, ExpectedStatement[])>
        {
            // OPBD 1.01 (PRCD 2.02 also present), one CRDT entry 8.85, CLBD 4.04: does not balance.
            ["camt053/genkgo-camt__camt053.v2.all-balance-types.xml"] = ("camt053", false, [new(101, 404, 1, 885)]),
            // 18.150 + 8.850 = 27.000, but CLBD is 27.050.
            ["camt053/genkgo-camt__camt053.v2.five.decimals.xml"] = ("camt053", false, [new(1815, 2705, 1, 885)]),
            // CLBD 27.00 DBIT in SEK while the account is EUR: balance not checkable.
            ["camt053/genkgo-camt__camt053.v2.minimal.xml"] = ("camt053", false, [new(1815, -2700, 1, 885)]),
            ["camt053/genkgo-camt__camt053.v2.multi.statement.xml"] = ("camt053", true, [new(1815, 2700, 1, 885), new(2700, 2000, 1, -700)]),
            ["camt053/genkgo-camt__camt053.v3.xml"] = ("camt053", false, [new(1815, -2700, 1, 885)]),
            ["camt053/genkgo-camt__camt053.v4.xml"] = ("camt053", false, [new(1815, -2700, 1, 885)]),
            ["camt053/genkgo-camt__camt053.v8.xml"] = ("camt053", false, [new(1815, -2700, 1, 885)]),
            // Only an OPBD of 5442.09000 RON given as DtTm; no entry, no closing balance.
            ["camt053/genkgo-camt__camt53.only-Dt-with-DtTm.xml"] = ("camt053", false, [new(544209, null, 0, 0)]),
            // One DBIT Ntry of 200000 SEK carrying 3 TxDtls; notifications have no balances.
            ["camt054/genkgo-camt__camt054.v2.xml"] = ("camt054", true, [new(null, null, 1, -20000000)]),
            ["camt054/genkgo-camt__camt054.v4.xml"] = ("camt054", true, [new(null, null, 1, -20000000)]),
            ["camt054/genkgo-camt__camt054.v8.xml"] = ("camt054", true, [new(null, null, 1, -20000000)]),
            // 01 166956E = 16695.65, 07 the same: no movement.
            ["cfonb120/silarhi-cfonb-parser__simple-test.txt"] = ("cfonb120", true, [new(1669565, 1669565, 0, 0)]),
            // 04 amounts: 227R = -22.79; 201J = -20.11, 50000} = -5000.00; 1177N = -117.75; 502N = -50.25.
            ["cfonb120/silarhi-cfonb-parser__complex-test.txt"] = ("cfonb120", true, Complex),
            ["cfonb120/silarhi-cfonb-parser__non-strict-test.txt"] = ("cfonb120", true, Complex),
            ["cfonb120/silarhi-cfonb-parser__test-unused-parts.txt"] = ("cfonb120", true,
            [
                new(1862, 1862, 0, 0), new(0, 0, 0, 0), new(0, 0, 0, 0), new(0, 0, 0, 0), new(0, 0, 0, 0), new(0, 0, 0, 0),
                new(0, 0, 0, 0), new(1987572, 1987572, 0, 0),
            ]),
            // 3236.28 − 321.44 ≠ 876.84; 2876.84 − 24.49 ≠ 1849.75 (the fixture's balances are not consistent).
            ["mt940/jejik-mt940__abnamro.txt"] = ("mt940", false, [new(323628, 87684, 8, -32144), new(287684, 184975, 2, -2449)]),
            // 0.00 − 25.03 − 3.03 − 1.11 − 20.00 − 1.10 + 3.68 + 1.00 = −45.59 ≠ 3.47.
            ["mt940/jejik-mt940__ing-dos.txt"] = ("mt940", false, [new(0, 347, 7, -4559)]),
            // 0 + 79.70 + 149.50 = 229.20 balances; 229.20 − 79.90 + 10.10 = 159.40 ≠ 159.60.
            ["mt940/jejik-mt940__postfinance.txt"] = ("mt940", false, [new(0, 22920, 2, 22920), new(22920, 15960, 2, -6980)]),
            ["mt940/jejik-mt940__rabobank.txt"] = ("mt940", false,
            [
                new(47317, 39582, 1, -121328), new(100089, 100089, 0, 0), new(129582, 125087, 2, -28151), new(419612, 410182, 2, -9430),
            ]),
            // 4975.09 − 15.70 − 700.00 = 4259.39 ≠ 4370.79.
            ["mt940/jejik-mt940__triodos.txt"] = ("mt940", false, [new(497509, 437079, 2, -71570)]),
        };

    /// <summary>Files the INDEX marks NEGATIVE, with a word the rejection reason must contain.</summary>
    public static readonly IReadOnlyDictionary<string, string> Negative = new Dictionary<string, string>
    {
        ["camt053/genkgo-camt__camt053.v2.wrong.xml"] = "Stmt",
    };

    private static ExpectedStatement[] Complex =>
    [
        new(1669565, 1667286, 1, -2279),
        new(1667286, 1165275, 2, -502011),
        new(1165275, 1165275, 0, 0),
        new(1165275, 1153500, 1, -11775),
        new(1153500, 1153500, 0, 0),
        new(1153500, 1148475, 1, -5025),
        new(1148475, 1148475, 0, 0),
        new(58435302, 58435302, 0, 0),
    ];
}
