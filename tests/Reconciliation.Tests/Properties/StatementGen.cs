using CsCheck;
using Primitives;
using NodaTime;
using Reconciliation.Statements;

namespace Reconciliation.Tests.Properties;

/// <summary>Generated statements restricted to what all three formats can carry (CFONB: 31-character label, 7-digit refs).</summary>
internal static class StatementGen
{
    private static readonly Gen<string> Word = Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"], 1, 8];

    private static readonly Gen<string> Text = Word.Array[1, 4].Select(w => string.Join(' ', w)).Where(t => t.Length <= 30);

    private static readonly Gen<string?> Optional = Gen.Frequency((1, Text.Select(_ => (string?)null)), (2, Text.Select(t => (string?)t)));

    private static readonly Gen<LocalDate> Date = Gen.Int[0, 20000].Select(d => new LocalDate(2001, 1, 1).PlusDays(d));

    private static readonly Gen<StatementEntry> Entry =
        Gen.Select(Gen.Long[-99_999_999, 99_999_999], Date, Gen.Int[0, 3], Text, Optional, Optional, Gen.Int[0, 2])
            .Select((cents, value, lag, label, name, e2e, extra) => (cents, value, lag, label, name, e2e, extra))
            .SelectMany(x => Word.Array[x.extra, x.extra].Select(more => new StatementEntry(
                "", x.value.PlusDays(x.lag), x.value, Money.Eur(x.cents), null, null, x.name, null, x.e2e?.Replace(' ', '-'), null,
                [x.label, .. more], null, false, null, [])));

    public static readonly Gen<Statement> Statement =
        Gen.Select(Entry.List[0, 12], Gen.Long[-9_999_999, 9_999_999], Date)
            .Select((entries, opening, date) => new Statement("00012345678", "EUR", Money.Eur(opening),
                Money.Eur(opening + entries.Sum(e => e.Amount.Cents)), date, date.PlusDays(1), entries));
}
