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
        using var reader = TextInput.Open(stream);
        var statements = new List<Statement>();
        var warnings = new List<string>();
        var ids = new EntryIds();
        CfonbStatementBuilder? current = null;
        CfonbEntryBuilder? entry = null;
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
                        if (current != null) throw new StatementFormatException(location, "record 01 (opening balance) before the 07 closing the previous statement");
                        current = new CfonbStatementBuilder(Account(line), Currency(line), Date(line, 34, location, "balance date"),
                            Balance(line, location));
                        break;
                    case "04":
                        if (current == null) throw new StatementFormatException(location, "record 04 (movement) outside a statement: no 01 before it");
                        FlushEntry();
                        if (Account(line) != current.Account) throw new StatementFormatException(location, "record 04 is for another account than its 01");
                        entry = CfonbEntryBuilder.FromRecord04(line, location);
                        break;
                    case "05":
                        if (entry == null) throw new StatementFormatException(location, "record 05 (complement) without a 04 before it");
                        entry.AddComplement(line);
                        break;
                    case "07":
                        if (current == null) throw new StatementFormatException(location, "record 07 (closing balance) without a 01 before it");
                        if (Account(line) != current.Account) throw new StatementFormatException(location, "record 07 is for another account than its 01");
                        FlushEntry();
                        var statement = current.Close(Date(line, 34, location, "balance date"), Balance(line, location));
                        BalanceCheck.Check(statement, statements.Count, warnings);
                        statements.Add(statement);
                        current = null;
                        break;
                    default:
                        throw new StatementFormatException(location, $"unknown CFONB 120 record code '{code.Trim()}' (expected 01, 04, 05 or 07)");
                }
            }
        }
        if (current != null) throw new StatementFormatException($"line {lineNo}", "file ends before the 07 record closing the last statement");
        if (statements.Count == 0) throw new StatementFormatException("line 1", "no CFONB 120 statement in the file");
        return new StatementFile("cfonb120", statements, warnings);

        void FlushEntry()
        {
            if (entry == null || current == null) return;
            current.Entries.Add(entry.Build(current.Account, ids));
            entry = null;
        }
    }

    private sealed class CfonbStatementBuilder(string account, string currency, LocalDate openingDate, Money opening)
    {
        public string Account { get; } = account;
        public string Currency { get; } = currency;
        public List<StatementEntry> Entries { get; } = [];

        public Statement Close(LocalDate closingDate, Money closing) =>
            new(Account, Currency, opening, closing, openingDate, closingDate, Entries);
    }
}
