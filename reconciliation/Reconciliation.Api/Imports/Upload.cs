using Reconciliation.Statements;
using Reconciliation.Statements.Pain002;

namespace Reconciliation.Api.Imports;

/// <summary>A parsed statement file: its entries in file order and its warnings (balance checks among them).</summary>
public sealed record ParsedStatement(string FileName, string Format, IReadOnlyList<StatementEntry> Entries, IReadOnlyList<string> Warnings);

/// <summary>A detail file (settlement report, cheque slip, Eficash file, camt.054 batches): kept to explain bank credits.</summary>
public sealed record ParsedDetail(string FileName, string Format, byte[] Content, string Sha256);

/// <summary>A pain.002 status report on one of our collection files: its rejects go to the ledger, not to matching.</summary>
public sealed record ParsedReport(string FileName, Pain002Report Report);

public sealed record Upload(IReadOnlyList<ParsedStatement> Statements, IReadOnlyList<ParsedDetail> Details)
{
    public IReadOnlyList<ParsedReport> Reports { get; init; } = [];

    public IEnumerable<string> Warnings => Statements.SelectMany(s => s.Warnings.Select(w => $"{s.FileName} : {w}"));
}

/// <summary>A file that does not parse: nothing of the upload is kept; the message names the file, line or element.</summary>
public sealed class UploadException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Parses every file of an upload before anything is written, so that one bad file creates nothing at all.</summary>
public static class UploadParser
{
    public const long MaxFileBytes = 200L * 1024 * 1024;

    public static readonly IReadOnlyDictionary<string, string> DetailKinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["adyen-settlement"] = "PSP payout",
        ["cheque-slip"] = "cheque deposit",
        ["eficash"] = "Eficash remittance",
        ["camt054"] = "direct-debit batch",
    };

    public static async Task<Upload> ParseAsync(IEnumerable<(string Name, Stream Content)> files, CancellationToken ct)
    {
        var statements = new List<ParsedStatement>();
        var details = new List<ParsedDetail>();
        var reports = new List<ParsedReport>();
        foreach (var (name, content) in files)
        {
            var safeName = Path.GetFileName(name);
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, ct);
            if (buffer.Length == 0) throw new UploadException("files", $"{safeName} : le fichier est vide");
            if (buffer.Length > MaxFileBytes) throw new UploadException("files", $"{safeName} : le fichier dépasse 200 Mo");
            buffer.Position = 0;
            StatementFile parsed;
            try
            {
                if (Pain002Parser.Looks(buffer))
                {
                    reports.Add(new ParsedReport(safeName, Pain002Parser.Parse(buffer)));
                    continue;
                }
                parsed = StatementParser.Parse(buffer);
            }
            catch (StatementFormatException e)
            {
                throw new UploadException("files", $"{safeName} : {e.Message}");
            }
            if (parsed.Format == "camt054" && Returns(parsed) is { Count: > 0 } returns)
            {
                // A camt.054 debit notification of returned direct debits (RtrInf) is the bank's word that the money went
                // back: its entries are booked like a statement's. Its credits (collection batches) stay details below.
                statements.Add(new ParsedStatement(safeName, parsed.Format, returns, parsed.Warnings));
            }
            if (DetailKinds.ContainsKey(parsed.Format))
            {
                var bytes = buffer.ToArray();
                details.Add(new ParsedDetail(safeName, parsed.Format, bytes, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))));
            }
            else
            {
                statements.Add(new ParsedStatement(safeName, parsed.Format, parsed.Statements.SelectMany(s => s.Entries).ToList(), parsed.Warnings));
            }
        }
        if (statements.Count == 0 && details.Count == 0 && reports.Count == 0) throw new UploadException("files", "aucun fichier reçu");
        var twice = reports.GroupBy(r => r.Report.MessageId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new UploadException("files", $"{twice.Last().FileName} : le rapport pain.002 {twice.Key} figure deux fois dans l'envoi");
        return new Upload(statements, details) { Reports = reports };
    }

    private static List<StatementEntry> Returns(StatementFile file) =>
        file.Statements.SelectMany(s => s.Entries).Where(e => e.Amount.Cents < 0 && (e.IsReversal || e.ReturnReason is not null)).ToList();
}
