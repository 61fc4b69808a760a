using System.Globalization;
using System.Text;
using Primitives;
using NodaTime;

namespace Reconciliation.Statements.Mt940;

/// <summary>
/// SWIFT MT940: one statement per <c>:20:</c>, balances in <c>:60F/M:</c> and <c>:62F/M:</c>, entries in <c>:61:</c>
/// followed by <c>:86:</c>. SWIFT envelopes (<c>{1:…}{4:</c>, <c>-}</c>) and bank header lines are tolerated.
/// Streams field by field.
/// </summary>
public sealed class Mt940Parser
{
    public StatementFile Parse(Stream stream)
    {
        using var reader = Open(stream);
        return reader.ReadAll();
    }

    /// <summary>Entry by entry (see <see cref="StatementReader"/>): nothing of the file is kept.</summary>
    public StatementReader Open(Stream stream)
    {
        var text = TextInput.Open(stream);
        return new StatementReader("mt940", Events(text), text);
    }

    private static IEnumerable<StatementEvent> Events(TextReader reader)
    {
        var state = new Mt940State();
        string? tag = null;
        var value = new StringBuilder();
        var tagLine = 0;
        var lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNo++;
            var trimmed = line.TrimEnd();
            if (trimmed.Length > 1 && trimmed[0] == ':' && trimmed.IndexOf(':', 1) is var close and > 1 && close <= 5
                && IsTag(trimmed.AsSpan(1, close - 1)))
            {
                foreach (var ev in Complete()) yield return ev;
                tag = trimmed[1..close];
                value.Clear().Append(trimmed.AsSpan(close + 1));
                tagLine = lineNo;
            }
            else if (trimmed.Length == 0 || trimmed[0] == '-' || trimmed[0] == '{')
            {
                // Blank line, end of message ("-", "-}") or SWIFT envelope: closes the current field.
                foreach (var ev in Complete()) yield return ev;
            }
            else if (tag != null)
            {
                value.Append('\n').Append(trimmed);
            }
            // Other lines outside a field (bank headers such as "ABNANL2A", "940") carry nothing we need.
        }
        foreach (var ev in Complete()) yield return ev;
        state.Finish(lineNo);

        // The entry a field completes is returned before the field itself is read, so a bad line comes after it.
        IEnumerable<StatementEvent> Complete()
        {
            if (tag == null) yield break;
            var (t, v, at) = (tag, value.ToString(), $"line {tagLine}, field :{tag}:");
            tag = null;
            state.Before(t);
            foreach (var ev in Drain()) yield return ev;
            state.Field(t, v, at);
            foreach (var ev in Drain()) yield return ev;
        }

        List<StatementEvent> Drain()
        {
            var events = state.Output.ToList();
            state.Output.Clear();
            return events;
        }
    }

    private static bool IsTag(ReadOnlySpan<char> s)
    {
        if (s.Length is < 2 or > 4) return false;
        if (!char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[1])) return false;
        return s.Length == 2 || char.IsAsciiLetterUpper(s[2]);
    }

    internal static LocalDate Date(string yymmdd, string location, string what)
    {
        if (yymmdd.Length != 6 || !yymmdd.All(char.IsAsciiDigit)) throw new StatementFormatException(location, $"{what} is not a date YYMMDD");
        var yy = int.Parse(yymmdd[..2], CultureInfo.InvariantCulture);
        var year = yy < 80 ? 2000 + yy : 1900 + yy;
        var month = int.Parse(yymmdd[2..4], CultureInfo.InvariantCulture);
        var day = int.Parse(yymmdd[4..], CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            throw new StatementFormatException(location, $"{what} is not a valid date");
        }
        return new LocalDate(year, month, day);
    }

    /// <summary><c>C110522EUR3236,28</c>: mark, date, currency, amount with a decimal comma.</summary>
    internal static (Money Amount, LocalDate Date) Balance(string text, string location)
    {
        var t = text.Trim();
        if (t.Length < 12 || t[0] is not ('C' or 'D')) throw new StatementFormatException(location, "balance must start with C or D, a date YYMMDD and a currency");
        var date = Date(t[1..7], location, "balance date");
        Currency currency;
        try { currency = new Currency(t[7..10]); }
        catch (DomainValidationException) { throw new StatementFormatException(location, "balance currency is not an ISO code"); }
        if (!Amounts.TryParseCents(t.AsSpan(10), ',', out var cents) || t.AsSpan(10).Contains('-'))
        {
            throw new StatementFormatException(location, "balance amount is not a number with a decimal comma");
        }
        return (new Money(t[0] == 'D' ? -cents : cents, currency), date);
    }
}
