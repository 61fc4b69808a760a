using System.Text;

namespace Reconciliation.Cli;

/// <summary>
/// Holds what a command writes until the whole input was read without error, so that an invalid file prints nothing on
/// stdout: in memory up to 64 KB, then in a temporary file deleted on close, so memory stays flat for a 125,000-entry file.
/// 64 KB, not 1 MB: a small file's output still never touches the disk, and the buffer stays below the large-object
/// heap (a growing 1 MB MemoryStream left 1.5 MB of large arrays in the parse's peak, issue 10).
/// </summary>
internal sealed class Spool : Stream
{
    private const int InMemory = 64 * 1024;
    private MemoryStream? _memory = new(InMemory);
    private FileStream? _file;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_memory is { } m && m.Length + buffer.Length > InMemory)
        {
            _file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                FileOptions.DeleteOnClose | FileOptions.SequentialScan);
            m.Position = 0;
            m.CopyTo(_file);
            _memory = null;
        }
        if (_memory is { } mem) mem.Write(buffer);
        else _file!.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Everything written, to the command's output (UTF-8 decoded in chunks).</summary>
    public void CopyTo(TextWriter output)
    {
        Stream s = _memory ?? (Stream)_file!;
        s.Flush();
        s.Position = 0;
        var decoder = new UTF8Encoding(false).GetDecoder();
        // 32 KB of bytes and of chars: both below the large-object heap.
        var bytes = new byte[1 << 15];
        var chars = new char[(1 << 15) + 4];
        int read;
        while ((read = s.Read(bytes, 0, bytes.Length)) > 0)
        {
            var n = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            output.Write(chars, 0, n);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _memory?.Dispose();
            _file?.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
