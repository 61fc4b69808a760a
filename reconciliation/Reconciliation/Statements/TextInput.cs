using System.Text;

namespace Reconciliation.Statements;

/// <summary>
/// Opens a text reader on a statement stream. Banks send UTF-8 (with or without BOM), UTF-16 with BOM, or
/// ISO-8859-1/15 without any marker: a seekable stream is scanned once for valid UTF-8 (no buffering of the whole
/// file), otherwise the first 64 KB decide. Latin-1 is used for the fallback because every byte maps to a character,
/// so a legacy file never fails on decoding (the € of ISO-8859-15 is 0xA4, which we never need in amounts).
/// </summary>
public static class TextInput
{
    private const int SniffBytes = 64 * 1024;

    public static TextReader Open(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffered = stream.CanSeek ? stream : new BufferedStream(stream, SniffBytes);
        var encoding = Detect(buffered);
        return new StreamReader(buffered, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
    }

    private static Encoding Detect(Stream stream)
    {
        if (!stream.CanSeek)
        {
            // A BufferedStream cannot be rewound either; assume UTF-8, the modern default, and keep streaming.
            return new UTF8Encoding(false, false);
        }
        var start = stream.Position;
        var decoder = new UTF8Encoding(false, true).GetDecoder();
        var bytes = new byte[SniffBytes];
        var chars = new char[SniffBytes + 4];
        var utf8 = true;
        try
        {
            int read;
            while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            utf8 = false;
        }
        stream.Position = start;
        return utf8 ? new UTF8Encoding(false, false) : Encoding.Latin1;
    }
}
