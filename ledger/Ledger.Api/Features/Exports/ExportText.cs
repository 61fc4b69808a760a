using System.Globalization;
using System.Text;

namespace Ledger.Api.Features.Exports;

/// <summary>Formatting shared by the exports: French amounts, FEC-safe text, ISO 8859-15.</summary>
public static class ExportText
{
    /// <summary>ISO 8859-15 (Latin-9, has € and œ); a character it lacks becomes '?', never a failed export.</summary>
    public static readonly Encoding Latin9 = CreateLatin9();

    private static Encoding CreateLatin9()
    {
        // .NET ships only UTF and ASCII/Latin-1 by default; the code-page provider brings ISO 8859-15.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("iso-8859-15", new EncoderReplacementFallback("?"), DecoderFallback.ExceptionFallback);
    }

    /// <summary>Cents as "1234,56": decimal comma, no thousands separator, always two decimals.</summary>
    public static string Amount(long cents)
    {
        var sign = cents < 0 ? "-" : "";
        var abs = Math.Abs(cents);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 100},{abs % 100:00}");
    }

    /// <summary>A FEC zone: no separator, no line break, no tab; typographic marks Latin-9 lacks turned into their plain form.</summary>
    public static string Zone(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (!value.AsSpan().ContainsAny(Special) && value[0] != ' ' && value[^1] != ' ') return value; // the usual case: nothing to change
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '|' or '\r' or '\n' or '\t' => ' ',
                '\u2019' or '\u2018' => '\'',
                '\u2013' or '\u2014' => '-',
                '\u00A0' or '\u202F' => ' ',
                _ when char.IsControl(c) => ' ',
                _ => c,
            });
        }
        return sb.ToString().Trim();
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(
        "|\r\n\t\u2019\u2018\u2013\u2014\u00A0\u202F\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    /// <summary>"2026-11-05" (ISO, as stored) → "20261105".</summary>
    public static string CompactDate(string? iso) => iso is null ? "" : iso.Replace("-", "", StringComparison.Ordinal);
}
