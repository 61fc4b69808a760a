using Reconciliation.Output;
using Reconciliation.Statements;

namespace Reconciliation.Cli;

/// <summary>
/// <c>recon parse</c> and <c>recon match</c>. Hand-rolled argument parsing: two commands and four options do not need a
/// framework, and the in-process entry point (writers passed in) keeps the tests fast and free of child processes.
/// Exit codes: 0 success, 1 invalid input file, 2 wrong usage.
/// </summary>
public static class ReconCommand
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0) return UsageError(stderr, "a command is required: parse, match, import or status");
        try
        {
            return args[0] switch
            {
                "parse" => ParseCommand.Run(args[1..], stdout, stderr),
                "match" => MatchCommand.Run(args[1..], stdout, stderr),
                "import" => ServiceCommands.Import(args[1..], stdout, stderr),
                "status" => ServiceCommands.Status(args[1..], stdout, stderr),
                "--help" or "-h" or "help" => Help(stdout),
                _ => UsageError(stderr, $"unknown command '{args[0]}' (parse or match)"),
            };
        }
        catch (StatementFormatException ex)
        {
            stderr.WriteLine($"invalid file: {OneLine(ex.Message)}");
            return InvalidInput;
        }
        catch (UsageException ex)
        {
            return UsageError(stderr, ex.Message);
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"cannot read the file: {OneLine(ex.Message)}");
            return InvalidInput;
        }
        catch (UnauthorizedAccessException ex)
        {
            stderr.WriteLine($"cannot read the file: {OneLine(ex.Message)}");
            return InvalidInput;
        }
    }

    internal static string OneLine(string s) => s.ReplaceLineEndings(" ");

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine("recon parse <file> [--format auto|camt053|camt054|cfonb120|mt940|adyen-settlement|cheque-slip|eficash] [--json]");
        stdout.WriteLine("recon import <file>... --service <url> --api-key <key> [--landlord <id>] [--json]");
        stdout.WriteLine("recon status --service <url> --api-key <key> [--json]");
        stdout.WriteLine("recon match --open-items <open-items.csv> --statement <file> [--format ...] [--details <slip/settlement/eficash.csv>]... [--json]");
        return Ok;
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"usage: {message}");
        return Usage;
    }

    internal static StatementFile ReadStatement(string path, string? format)
    {
        var f = Format(format);
        using var stream = File.OpenRead(path);
        return StatementParser.Parse(stream, f);
    }

    /// <summary>The <c>--format</c> option: null for auto-detection.</summary>
    internal static StatementFormat? Format(string? format)
    {
        if (format is null or "auto") return null;
        return StatementFormatNames.TryParse(format, out var parsed) ? parsed : throw new UsageException($"unknown format '{format}'");
    }
}

internal sealed class UsageException(string message) : Exception(message);
