using System.Text;
using Reconciliation.Statements.Camt;
using Reconciliation.Statements.Cfonb;
using Reconciliation.Statements.Csv;
using Reconciliation.Statements.Mt940;

namespace Reconciliation.Statements;

/// <summary>Entry point: parse a stream in a given format, or detect the format from the first bytes.</summary>
public static class StatementParser
{
    public static StatementFile Parse(Stream stream, StatementFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var f = format ?? Detect(stream);
        return f switch
        {
            StatementFormat.Camt053 or StatementFormat.Camt054 => Expect(ParseCamt(stream), f),
            StatementFormat.Cfonb120 => new Cfonb120Parser().Parse(stream),
            StatementFormat.Mt940 => new Mt940Parser().Parse(stream),
            StatementFormat.AdyenSettlement => new AdyenSettlementParser().Parse(stream),
            StatementFormat.ChequeSlip => new ChequeSlipParser().Parse(stream),
            StatementFormat.Eficash => new EficashParser().Parse(stream),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>
    /// Opens the stream for reading entry by entry (<see cref="StatementReader"/>): what a large import uses so that memory
    /// stays flat. CFONB 120, MT940 and camt stream; the CSV remittances (small by nature) are read whole, then streamed.
    /// </summary>
    public static StatementReader Open(Stream stream, StatementFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var f = format ?? Detect(stream);
        switch (f)
        {
            case StatementFormat.Camt053 or StatementFormat.Camt054:
                var camt = OpenCamt(stream);
                if (camt.Format == f.ToName()) return camt;
                camt.Dispose();
                throw new StatementFormatException("element Document", $"the file is {camt.Format}, not {f.ToName()}");
            case StatementFormat.Cfonb120: return new Cfonb120Parser().Open(stream);
            case StatementFormat.Mt940: return new Mt940Parser().Open(stream);
            default:
                var file = Parse(stream, f);
                return new StatementReader(file.Format, StatementEvent.Of(file), null);
        }
    }

    // The camt parser in methods of their own, not inlined: System.Private.Xml (1.4 MB resident) is loaded only when a camt
    // file is read, not by every CFONB or MT940 parse whose entry point mentions the camt types.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static StatementFile ParseCamt(Stream stream) => new CamtParser().Parse(stream);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static StatementReader OpenCamt(Stream stream) => new CamtParser().Open(stream);

    private static StatementFile Expect(StatementFile file, StatementFormat f) =>
        file.Format == f.ToName()
            ? file
            : throw new StatementFormatException("element Document", $"the file is {file.Format}, not {f.ToName()}");

    private static bool TagAtLineStart(string head, string tag)
    {
        for (var i = head.IndexOf(tag, StringComparison.Ordinal); i >= 0; i = head.IndexOf(tag, i + 1, StringComparison.Ordinal))
        {
            if (i == 0 || head[i - 1] is '\n' or '\r' || (i >= 3 && head.AsSpan(i - 3, 3).SequenceEqual("{4:"))) return true;
        }
        return false;
    }

    /// <summary>Looks at the first 4 KB (the stream must be seekable) and rewinds.</summary>
    public static StatementFormat Detect(Stream stream)
    {
        if (!stream.CanSeek) throw new StatementFormatException("line 1", "format cannot be detected on this input: give it explicitly");
        var start = stream.Position;
        var buffer = new byte[4096];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = start;
        var head = Encoding.Latin1.GetString(buffer, 0, read).TrimStart('\uFEFF', 'ï', '»', '¿', ' ', '\r', '\n', '\t');
        if (head.StartsWith('<'))
        {
            return head.Contains("camt.054", StringComparison.Ordinal) ? StatementFormat.Camt054 : StatementFormat.Camt053;
        }
        var firstLine = head.Split('\n')[0].TrimEnd('\r');
        if (firstLine.StartsWith("01", StringComparison.Ordinal) && firstLine.TrimEnd().Length is > 90 and <= 120) return StatementFormat.Cfonb120;
        // The CSV headers first: a settlement report's times ("10:20:25", "07:25:13") hold ":20:" and ":25:".
        var header = firstLine.ToUpperInvariant();
        if (header.Contains("MERCHANT ACCOUNT", StringComparison.Ordinal) && header.Contains("PSP REFERENCE", StringComparison.Ordinal)) return StatementFormat.AdyenSettlement;
        if (header.StartsWith("DEPOSIT_NUMBER", StringComparison.Ordinal)) return StatementFormat.ChequeSlip;
        if (header.StartsWith("REMITTANCE_DATE", StringComparison.Ordinal)) return StatementFormat.Eficash;
        // MT940 tags open a line (after a SWIFT envelope "{4:" at most).
        if (TagAtLineStart(head, ":20:") && TagAtLineStart(head, ":25:")) return StatementFormat.Mt940;
        throw new StatementFormatException("line 1", "format not recognised (camt.053/054, CFONB 120, MT940, Adyen settlement, cheque slip or Eficash CSV)");
    }
}
