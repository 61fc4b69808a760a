using Primitives;
using NodaTime;

namespace Reconciliation.Statements.Cfonb;

/// <summary>Collects a 04 movement and its 05 complements (SEPA qualifiers of CFONB March 2010) into one entry.</summary>
internal sealed class CfonbEntryBuilder
{
    // Operation codes (positions 33-34) that return or reject an earlier payment: unpaid cheque, rejected transfer,
    // rejected or returned direct debits and TIP (national and SEPA, creditor side).
    private static readonly HashSet<string> ReturnCodes = new(StringComparer.Ordinal) { "03", "10", "12", "26", "27", "B3", "B4", "A5", "A6" };
    private static readonly HashSet<string> ChequeCodes = new(StringComparer.Ordinal) { "01", "02", "03", "15", "16", "17" };

    private readonly List<string> _remittance = [];
    private LocalDate _booking;
    private LocalDate? _value;
    private Money _amount;
    private string _operation = "";
    private string? _motif;
    private string? _number;
    private string? _reference;
    private string? _name;
    private string? _iban;
    private string? _endToEnd;
    private string? _creditorRef;

    public static CfonbEntryBuilder FromRecord04(string line, string location)
    {
        var b = new CfonbEntryBuilder
        {
            _operation = line.Substring(32, 2).Trim(),
            _booking = Cfonb120Parser.Date(line, 34, location, "booking date"),
        };
        var valueText = line.Substring(42, 6);
        b._value = string.IsNullOrWhiteSpace(valueText) ? null : Cfonb120Parser.Date(line, 42, location, "value date");
        b._motif = NullIfBlank(line.Substring(40, 2));
        var label = line.Substring(48, 31).Trim();
        if (label.Length > 0) b._remittance.Add(label);
        b._number = NullIfBlank(line.Substring(81, 7));
        b._reference = NullIfBlank(line.Substring(104, 16));
        if (!CfonbAmount.TryDecode(line.AsSpan(90, 14), Cfonb120Parser.Decimals(line, location), out var cents))
        {
            throw new StatementFormatException(location, "amount (positions 91-104) is not a CFONB signed amount");
        }
        b._amount = new Money(cents, Cfonb120Parser.Cur(line, location));
        return b;
    }

    public void AddComplement(string line)
    {
        var qualifier = line.Substring(45, 3);
        var first = line.Substring(48, 35).Trim();
        var all = line.Substring(48, 70).Trim();
        switch (qualifier)
        {
            case "NPY": _name ??= NullIfBlank(first); break;
            case "LCS": _creditorRef ??= NullIfBlank(first); break;
            case "RCN": _endToEnd ??= NullIfBlank(first); break;
            case "CPY":
                _iban ??= NullIfBlank(first);
                break;
            case "LIB" or "LCC" or "LC2":
                if (all.Length > 0) _remittance.Add(all);
                break;
            default:
                // Unknown or unmapped qualifiers (REF, RUM, IPY, MMO, …) stay visible: references are matched anywhere.
                if (all.Length > 0) _remittance.Add($"{qualifier.Trim()} {all}".Trim());
                break;
        }
    }

    public StatementEntry Build(string account, EntryIds ids)
    {
        var isReturn = ReturnCodes.Contains(_operation);
        var cheque = ChequeCodes.Contains(_operation) ? _number : null;
        var id = ids.Next(account, _reference, _booking, _value, _amount, _remittance.Append(_operation).Append(_number));
        return new StatementEntry(id, _booking, _value, _amount, _reference, _operation.Length == 0 ? null : _operation,
            _name, _iban, _endToEnd, _creditorRef, _remittance, cheque, isReturn, isReturn ? _motif : null, []);
    }

    private static string? NullIfBlank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
