using System.Text;
using CsCheck;
using Reconciliation.Statements;
using Reconciliation.Statements.Writers;

namespace Reconciliation.Tests.Properties;

public sealed class RoundTripPropertyTests
{
    private static StatementFile Reparse(string text, StatementFormat format) =>
        StatementParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), format);

    private static void ShouldCarrySameEntries(Statement written, StatementFile read)
    {
        read.Warnings.ShouldBeEmpty();
        var s = read.Statements.ShouldHaveSingleItem();
        s.OpeningBalance.ShouldBe(written.OpeningBalance);
        s.ClosingBalance.ShouldBe(written.ClosingBalance);
        s.Entries.Count.ShouldBe(written.Entries.Count);
        for (var i = 0; i < s.Entries.Count; i++)
        {
            var (a, b) = (written.Entries[i], s.Entries[i]);
            b.Amount.ShouldBe(a.Amount);
            b.BookingDate.ShouldBe(a.BookingDate);
            b.ValueDate.ShouldBe(a.ValueDate);
            b.CounterpartyName.ShouldBe(a.CounterpartyName);
            b.EndToEndId.ShouldBe(a.EndToEndId);
            b.Remittance.ShouldBe(a.Remittance);
        }
    }

    [Fact]
    public void Cfonb120_WrittenThenParsed_GivesTheSameEntries() =>
        StatementGen.Statement.Sample(s =>
        {
            var w = new StringWriter();
            Cfonb120Writer.Write(w, s);
            ShouldCarrySameEntries(s, Reparse(w.ToString(), StatementFormat.Cfonb120));
        }, iter: 200);

    [Fact]
    public void Mt940_WrittenThenParsed_GivesTheSameEntries() =>
        StatementGen.Statement.Sample(s =>
        {
            var w = new StringWriter();
            Mt940Writer.Write(w, s);
            ShouldCarrySameEntries(s, Reparse(w.ToString(), StatementFormat.Mt940));
        }, iter: 200);

    [Fact]
    public void Camt053_WrittenThenParsed_GivesTheSameEntries() =>
        StatementGen.Statement.Sample(s =>
        {
            var w = new StringWriter();
            Camt053Writer.Write(w, [s]);
            ShouldCarrySameEntries(s, Reparse(w.ToString(), StatementFormat.Camt053));
        }, iter: 200);
}
