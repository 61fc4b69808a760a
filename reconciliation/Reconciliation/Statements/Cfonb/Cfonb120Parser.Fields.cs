using System.Globalization;
using Primitives;
using NodaTime;

namespace Reconciliation.Statements.Cfonb;

/// <summary>Fixed-position fields of CFONB 120 records (positions are 1-based in the messages, as in the CFONB documents).</summary>
public sealed partial class Cfonb120Parser
{
    // Some banks send the records without line breaks: a line that is an exact multiple of 120 is split.
    private static IEnumerable<string> Records(string raw, int lineNo)
    {
        var trimmed = raw.TrimEnd();
        if (raw.Length > RecordLength && raw.Length % RecordLength == 0)
        {
            for (var i = 0; i < raw.Length; i += RecordLength) yield return raw.Substring(i, RecordLength);
            yield break;
        }
        if (trimmed.Length > RecordLength)
        {
            throw new StatementFormatException($"line {lineNo}", $"a CFONB 120 record has 120 characters, this one has {trimmed.Length}");
        }
        if (trimmed.Length < 2) throw new StatementFormatException($"line {lineNo}", "record too short to carry a record code");
        yield return trimmed;
    }

    private static string Account(string line) => line.Substring(21, 11).Trim();

    // Blank currency and decimals occur in real files; EUR and 2 decimals is what every French bank means then.
    private static string Currency(string line) => string.IsNullOrWhiteSpace(line.Substring(16, 3)) ? "EUR" : line.Substring(16, 3);

    internal static int Decimals(string line, string location)
    {
        var c = line[19];
        if (c == ' ') return 2;
        if (!char.IsAsciiDigit(c)) throw new StatementFormatException(location, "number of decimals (position 20) is not a digit");
        return c - '0';
    }

    private static Money Balance(string line, string location)
    {
        if (!CfonbAmount.TryDecode(line.AsSpan(90, 14), Decimals(line, location), out var cents))
        {
            throw new StatementFormatException(location, "balance (positions 91-104) is not a CFONB signed amount");
        }
        return new Money(cents, Cur(line, location));
    }

    internal static Currency Cur(string line, string location)
    {
        try { return new Currency(Currency(line)); }
        catch (DomainValidationException) { throw new StatementFormatException(location, "currency (positions 17-19) is not an ISO code"); }
    }

    internal static LocalDate Date(string line, int index, string location, string what)
    {
        var s = line.Substring(index, 6);
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new StatementFormatException(location, $"{what} (positions {index + 1}-{index + 6}) is not a date DDMMYY");
        }
        var day = int.Parse(s[..2], CultureInfo.InvariantCulture);
        var month = int.Parse(s[2..4], CultureInfo.InvariantCulture);
        var year = 2000 + int.Parse(s[4..], CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            throw new StatementFormatException(location, $"{what} (positions {index + 1}-{index + 6}) is not a valid date");
        }
        return new LocalDate(year, month, day);
    }
}
