using System.Globalization;
using Reconciliation.Output;
using Reconciliation.Statements;

namespace Reconciliation.Cli;

/// <summary>
/// <c>recon parse</c>: the file is read entry by entry and what is printed is spooled (<see cref="Spool"/>) until the end,
/// so memory stays flat however large the file, and an invalid file still prints nothing but its error.
/// </summary>
internal static class ParseCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string> { "--format" }, new HashSet<string> { "--json" });
        if (a.Positional.Count != 1) throw new UsageException("parse needs exactly one file");
        using var input = File.OpenRead(a.Positional[0]);
        using var reader = StatementParser.Open(input, ReconCommand.Format(a.Get("--format")));
        using var spool = new Spool();
        if (a.Flag("--json"))
        {
            StatementJsonStream.Write(spool, reader);
            spool.Write("\n"u8);
        }
        else
        {
            using var text = new StreamWriter(spool, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            Text(reader, text);
        }
        foreach (var w in reader.Warnings) stderr.WriteLine($"warning: {ReconCommand.OneLine(w)}");
        spool.CopyTo(stdout);
        return ReconCommand.Ok;
    }

    /// <summary>One line per entry; each statement's summary line follows its entries (its closing balance is known then).</summary>
    private static void Text(StatementReader reader, TextWriter stdout)
    {
        stdout.WriteLine($"format {reader.Format}");
        var summarised = 0;
        foreach (var e in reader.Entries())
        {
            Summaries();
            stdout.WriteLine($"  {e.BookingDate:uuuu-MM-dd} {e.Amount.ToDecimalString(),14} {e.Amount.Currency} {string.Join(" / ", e.Remittance)}");
        }
        Summaries();
        stdout.WriteLine($"{reader.Statements.Count} statement(s)");

        void Summaries()
        {
            while (summarised < reader.Statements.Count)
            {
                var s = reader.Statements[summarised++];
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Account} {s.Currency} opening {s.OpeningBalance?.ToDecimalString() ?? "-"} closing {s.ClosingBalance?.ToDecimalString() ?? "-"}, {s.EntryCount} entries"));
            }
        }
    }
}
