using Primitives;
using NodaTime;

namespace Reconciliation.Statements.Cfonb;

/// <summary>
/// CFONB 120 ("relevé de compte 120 caractères"): 01 opening, 04 movement, 05 complements, 07 closing; several
/// accounts and days per file. Read line by line so a 125,000-entry file is never held in memory.
/// </summary>
public sealed partial class Cfonb120Parser
{
    private const int RecordLength = 120;

    public StatementFile Parse(Stream stream)
    {
        using var reader = Open(stream);
        return reader.ReadAll();
    }

    /// <summary>Entry by entry (see <see cref="StatementReader"/>): nothing of the file is kept.</summary>
    public StatementReader Open(Stream stream)
    {
        var text = TextInput.Open(stream);
        return new StatementReader("cfonb120", Events(text), text);
    }

    private static IEnumerable<StatementEvent> Events(TextReader reader)
    {
        var ids = new EntryIds();
        string? account = null;
        CfonbEntryBuilder? entry = null;
        var statements = 0;
        var lineNo = 0;
        string? raw;
        while ((raw = reader.ReadLine()) != null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            foreach (var record in Records(raw, lineNo))
            {
                var line = record.PadRight(RecordLength);
                var code = line[..2];
                var location = $"line {lineNo}";
                switch (code)
                {
                    case "01":
                        if (account != null) throw new StatementFormatException(location, "record 01 (opening balance) before the 07 closing the previous statement");
                        account = Account(line);
                        yield return new StatementEvent.Start(account, Currency(line), Balance(line, location), Date(line, 34, location, "balance date"));
                        break;
                    case "04":
                        if (account == null) throw new StatementFormatException(location, "record 04 (movement) outside a statement: no 01 before it");
                        if (entry != null) yield return new StatementEvent.Entry(entry.Build(account, ids));
                        if (Account(line) != account) throw new StatementFormatException(location, "record 04 is for another account than its 01");
                        entry = CfonbEntryBuilder.FromRecord04(line, location);
                        break;
                    case "05":
                        if (entry == null) throw new StatementFormatException(location, "record 05 (complement) without a 04 before it");
                        entry.AddComplement(line);
                        break;
                    case "07":
                        if (account == null) throw new StatementFormatException(location, "record 07 (closing balance) without a 01 before it");
                        if (Account(line) != account) throw new StatementFormatException(location, "record 07 is for another account than its 01");
                        var closingDate = Date(line, 34, location, "balance date");
                        var closing = Balance(line, location);
                        if (entry != null) yield return new StatementEvent.Entry(entry.Build(account, ids));
                        entry = null;
                        yield return new StatementEvent.End(closing, closingDate);
                        statements++;
                        account = null;
                        break;
                    default:
                        throw new StatementFormatException(location, $"unknown CFONB 120 record code '{code.Trim()}' (expected 01, 04, 05 or 07)");
                }
            }
        }
        if (account != null) throw new StatementFormatException($"line {lineNo}", "file ends before the 07 record closing the last statement");
        if (statements == 0) throw new StatementFormatException("line 1", "no CFONB 120 statement in the file");
    }
}
