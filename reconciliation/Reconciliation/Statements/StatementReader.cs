using Primitives;
using NodaTime;

namespace Reconciliation.Statements;

/// <summary>One statement's header and balances, without its entries (those are streamed).</summary>
public sealed record StatementInfo(
    string Account,
    string Currency,
    Money? OpeningBalance,
    Money? ClosingBalance,
    LocalDate? OpeningDate,
    LocalDate? ClosingDate,
    int EntryCount);

/// <summary>
/// A statement file read entry by entry, for callers that need not hold the file (a 125,000-entry import): memory stays
/// flat as the file grows. <see cref="Entries"/> can be enumerated once; <see cref="Statements"/> and <see cref="Warnings"/>
/// (balance checks included) are complete when it has been enumerated to the end. A bad line throws
/// <see cref="StatementFormatException"/> when it is reached, after the entries before it were returned: a caller that must
/// be all or nothing (an import) stages what it reads and commits only at the end. <see cref="StatementParser.Parse"/>
/// reads the same way and keeps everything.
/// </summary>
public sealed class StatementReader : IDisposable
{
    private readonly IEnumerable<StatementEvent> _events;
    private readonly IDisposable? _resource;
    private readonly List<StatementInfo> _statements = [];
    private readonly List<string> _warnings = [];
    private bool _read;

    internal StatementReader(string format, IEnumerable<StatementEvent> events, IDisposable? resource)
    {
        Format = format;
        _events = events;
        _resource = resource;
    }

    /// <summary>The format's name as <c>recon parse</c> prints it (<c>camt053</c>, <c>cfonb120</c>, …).</summary>
    public string Format { get; }

    /// <summary>The statements whose end has been read, in file order.</summary>
    public IReadOnlyList<StatementInfo> Statements => _statements;

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The statement the last entry returned belongs to (its opening balance; closing known at its end).</summary>
    public StatementInfo? Current { get; private set; }

    public IEnumerable<StatementEntry> Entries() => Read(null);

    /// <summary>Reads everything and keeps it: the result <see cref="StatementParser.Parse"/> returns.</summary>
    internal StatementFile ReadAll()
    {
        var statements = new List<Statement>();
        foreach (var _ in Read(statements))
        {
        }
        return new StatementFile(Format, statements, _warnings);
    }

    private IEnumerable<StatementEntry> Read(List<Statement>? keep)
    {
        if (_read) throw new InvalidOperationException("the entries of a statement file can be read once");
        _read = true;
        StatementEvent.Start? start = null;
        List<StatementEntry>? entries = null;
        var count = 0;
        var sum = 0L;
        var mixed = false;
        foreach (var ev in _events)
        {
            switch (ev)
            {
                case StatementEvent.Start s:
                    start = s;
                    count = 0;
                    sum = 0;
                    mixed = false;
                    entries = keep is null ? null : [];
                    Current = new StatementInfo(s.Account, s.Currency, s.Opening, s.Closing, s.OpeningDate, s.ClosingDate, 0);
                    break;
                case StatementEvent.Entry e:
                    count++;
                    if (start!.Opening is { } opening && e.Value.Amount.Currency != opening.Currency) mixed = true;
                    else sum = checked(sum + e.Value.Amount.Cents);
                    entries?.Add(e.Value);
                    yield return e.Value;
                    break;
                case StatementEvent.End end:
                    var info = new StatementInfo(start!.Account, end.Currency ?? start.Currency, start.Opening, end.Closing ?? start.Closing,
                        start.OpeningDate, end.Closing is null ? start.ClosingDate : end.ClosingDate, count);
                    if (end.CheckBalance) BalanceCheck.Check(info, sum, mixed, _statements.Count, _warnings);
                    _statements.Add(info);
                    keep?.Add(new Statement(info.Account, info.Currency, info.OpeningBalance, info.ClosingBalance, info.OpeningDate, info.ClosingDate, entries!));
                    Current = info;
                    start = null;
                    break;
                case StatementEvent.Warning w:
                    _warnings.Add(w.Text);
                    break;
            }
        }
    }

    public void Dispose() => _resource?.Dispose();
}

/// <summary>What a parser's streaming core produces, in file order.</summary>
internal abstract record StatementEvent
{
    internal sealed record Start(string Account, string Currency, Money? Opening, LocalDate? OpeningDate, Money? Closing = null, LocalDate? ClosingDate = null)
        : StatementEvent;

    internal sealed record Entry(StatementEntry Value) : StatementEvent;

    /// <summary>The end of a statement; a closing balance or currency known only now (CFONB 07, MT940 :62F:, camt without Ccy).</summary>
    internal sealed record End(Money? Closing = null, LocalDate? ClosingDate = null, string? Currency = null, bool CheckBalance = true) : StatementEvent;

    internal sealed record Warning(string Text) : StatementEvent;

    /// <summary>A parser that builds its statements whole (the small CSV remittances) streams them the same way.</summary>
    internal static IEnumerable<StatementEvent> Of(StatementFile file)
    {
        foreach (var w in file.Warnings) yield return new Warning(w);
        foreach (var s in file.Statements)
        {
            yield return new Start(s.Account, s.Currency, s.OpeningBalance, s.OpeningDate, s.ClosingBalance, s.ClosingDate);
            foreach (var e in s.Entries) yield return new Entry(e);
            yield return new End(CheckBalance: false);
        }
    }
}
