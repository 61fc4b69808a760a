using Primitives;
using NodaTime;

namespace Reconciliation.Statements.Mt940;

/// <summary>Assembles MT940 fields, in file order, into statement events; checks the order a statement requires.</summary>
internal sealed class Mt940State
{
    private readonly EntryIds _ids = new();
    private string? _account;
    private (Money Amount, LocalDate Date)? _opening;
    private bool _open;
    private int _statements;

    /// <summary>What the fields read so far produced; the parser drains it after each field.</summary>
    public List<StatementEvent> Output { get; } = [];
    private Mt940Line61? _pending;
    private readonly List<string> _pendingInfo = [];
    private string _lastLocation = "line 1";

    /// <summary>A field that ends the pending entry (a new :61:, a closing balance) completes it first.</summary>
    public void Before(string tag)
    {
        if (tag is "61" or "62F" or "62M" && _open) FlushEntry();
    }

    public void Field(string tag, string value, string location)
    {
        _lastLocation = location;
        switch (tag)
        {
            case "20":
                if (_open) throw new StatementFormatException(location, "new statement (:20:) before the closing balance :62F: or :62M: of the previous one");
                _account = null;
                _opening = null;
                break;
            case "25":
                _account = value.Trim();
                break;
            case "60F" or "60M":
                if (_account == null) throw new StatementFormatException(location, "opening balance before the account :25:");
                if (_open) throw new StatementFormatException(location, "second opening balance in one statement");
                _opening = Mt940Parser.Balance(value, location);
                _open = true;
                Output.Add(new StatementEvent.Start(_account, _opening.Value.Amount.Currency.Code, _opening.Value.Amount, _opening.Value.Date));
                break;
            case "61":
                if (!_open) throw new StatementFormatException(location, "statement line :61: before the opening balance :60F:");
                FlushEntry();
                var lines = value.Split('\n');
                (_pending, var used) = Mt940Line61.Parse(lines, location);
                _pendingInfo.Clear();
                _pendingInfo.AddRange(lines.Skip(used).Select(l => l.Trim()).Where(l => l.Length > 0));
                break;
            case "86":
                // :86: after :62F: is information about the whole statement (ING totals); only entry :86: matter.
                if (_pending != null) _pendingInfo.AddRange(value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
                break;
            case "62F" or "62M":
                if (!_open || _opening == null) throw new StatementFormatException(location, "closing balance without an opening balance");
                FlushEntry();
                var closing = Mt940Parser.Balance(value, location);
                Output.Add(new StatementEvent.End(closing.Amount, closing.Date));
                _statements++;
                _open = false;
                _pending = null;
                break;
            default:
                break; // :21:, :28C:, :64:, :65:, :13D: … carry nothing the reconciliation needs.
        }
    }

    public void Finish(int lastLine)
    {
        if (_open) throw new StatementFormatException(_lastLocation, $"file ends (line {lastLine}) before the closing balance :62F:");
        if (_statements == 0) throw new StatementFormatException($"line {lastLine}", "no MT940 statement (:20: … :62F:) in the file");
    }

    private void FlushEntry()
    {
        if (_pending is not { } p || !_open || _opening == null) return;
        var amount = new Money(p.Cents, _opening.Value.Amount.Currency);
        var structured = Mt940Info.Parse(_pendingInfo);
        var remittance = new List<string>();
        if (p.Supplementary != null) remittance.Add(p.Supplementary);
        remittance.AddRange(structured.FreeText);
        var bankRef = p.BankReference is { } b && !b.Equals("NONREF", StringComparison.OrdinalIgnoreCase) ? b : null;
        var id = _ids.Next(_account!, bankRef, p.BookingDate, p.ValueDate, amount, remittance.Append(p.OwnerReference).Append(p.TypeCode));
        Output.Add(new StatementEvent.Entry(new StatementEntry(id, p.BookingDate, p.ValueDate, amount, bankRef ?? Ref(p.OwnerReference), p.TypeCode,
            structured.Name, structured.Iban, structured.EndToEnd, structured.CreditorReference, remittance,
            p.TypeCode is "NCHK" or "FCHK" ? Ref(p.OwnerReference) : null, p.IsReversal || p.TypeCode.EndsWith("RTI", StringComparison.Ordinal),
            structured.ReturnReason, [])));
        _pending = null;
        _pendingInfo.Clear();
    }

    private static string? Ref(string? r) => r is null || r.Equals("NONREF", StringComparison.OrdinalIgnoreCase) ? null : r;
}
