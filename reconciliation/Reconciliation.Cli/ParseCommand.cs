using System.Globalization;
using Reconciliation.Output;

namespace Reconciliation.Cli;

internal static class ParseCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string> { "--format" }, new HashSet<string> { "--json" });
        if (a.Positional.Count != 1) throw new UsageException("parse needs exactly one file");
        var file = ReconCommand.ReadStatement(a.Positional[0], a.Get("--format"));
        foreach (var w in file.Warnings) stderr.WriteLine($"warning: {ReconCommand.OneLine(w)}");
        if (a.Flag("--json"))
        {
            stdout.Write(StatementJson.ToJson(file));
            stdout.WriteLine();
            return ReconCommand.Ok;
        }
        stdout.WriteLine($"format {file.Format}, {file.Statements.Count} statement(s)");
        foreach (var s in file.Statements)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Account} {s.Currency} opening {s.OpeningBalance?.ToDecimalString() ?? "-"} closing {s.ClosingBalance?.ToDecimalString() ?? "-"}, {s.Entries.Count} entries"));
            foreach (var e in s.Entries)
            {
                stdout.WriteLine($"  {e.BookingDate:uuuu-MM-dd} {e.Amount.ToDecimalString(),14} {e.Amount.Currency} {string.Join(" / ", e.Remittance)}");
            }
        }
        return ReconCommand.Ok;
    }
}
