using System.Globalization;
using System.Text.Json;
using Npgsql;
using Primitives;
using Reconciliation.Api.Infrastructure;
using Reconciliation.Api.Pages;
using Reconciliation.Api.Posting;
using Reconciliation.Statements.Pain002;

namespace Reconciliation.Api.Imports;

/// <summary>A reject waiting for an accountant: what the bank said, and why it could not be sent to the ledger.</summary>
public sealed record RejectRow(string MessageId, string EndToEndId, string? ReasonCode, DateOnly RejectedOn, long? Cents, string Explanation);

public sealed record RejectCounts(long Received, long Posted, long Review, long Pending);

/// <summary>
/// pain.002 rejects (before settlement, no money moved): each is staged with its import, idempotent by the report's MsgId
/// and per transaction (MsgId, OrgnlEndToEndId), then sent through the posting queue to the ledger's
/// <c>POST direct-debits/rejects</c>, which marks the debit request rejected and reopens the notice. What the ledger
/// cannot take (an EndToEndId it never collected, another reason already recorded, a bank's own code) waits in the review
/// list with a French explanation; nothing is booked for it.
/// </summary>
public static class DirectDebitRejects
{
    public const string Kind = "reject";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task StageAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long importId, IReadOnlyList<ParsedReport> reports, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (fileName, report) in reports)
        {
            await using (var file = new NpgsqlCommand("""
                insert into pain002_files (message_id, import_id, file_name, original_message_id, group_status, created_on)
                values ($1, $2, $3, $4, $5, $6) on conflict (message_id) do nothing
                """, conn, tx))
            {
                foreach (var v in new object?[] { report.MessageId, importId, fileName, report.OriginalMessageId, report.GroupStatus, report.CreatedOn.ToDateOnly() })
                    file.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
                // The same report again (its MsgId): already staged, nothing more to do.
                if (await file.ExecuteNonQueryAsync(ct) == 0) continue;
            }
            var commands = new List<PostingCommand>();
            if (report.WholeFileRejectedUnnamed)
            {
                await InsertAsync(conn, tx, importId, report, "*", report.GroupReason, false, report.CreatedOn.ToDateOnly(), null, "Review",
                    $"le fichier de prélèvements {report.OriginalMessageId} a été rejeté en entier par la banque le {Fr.Date(report.CreatedOn.ToDateOnly())}"
                    + $"{Motif(report.GroupReason, false)}, sans détail par prélèvement : aucun prélèvement n'a été présenté ; corrigez et renvoyez le fichier", ct);
            }
            foreach (var r in report.Rejects)
            {
                var on = r.RejectedOn.ToDateOnly();
                var cents = r.Amount?.Cents;
                // Only an ISO code the ledger knows can be sent: a bank's own code, or one of no table, needs a person.
                var explanation = r.ProprietaryReason
                    ? $"{What(r.EndToEndId, on)}, motif propre à la banque « {r.ReasonCode} » : aucun motif SEPA à transmettre au grand livre ; demandez à la banque le motif ISO correspondant"
                    : SepaReasonCodes.Find(r.ReasonCode) is null
                        ? $"{What(r.EndToEndId, on)} : motif {r.ReasonCode} inconnu de la table des motifs SEPA ; rien n'a été transmis au grand livre"
                        : null;
                if (!await InsertAsync(conn, tx, importId, report, r.EndToEndId, r.ReasonCode, r.ProprietaryReason, on, cents, explanation is null ? "Pending" : "Review", explanation, ct)) continue;
                if (explanation is not null) continue;
                var body = new { endToEndId = r.EndToEndId, reasonCode = r.ReasonCode, rejectedOn = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), messageId = report.MessageId };
                commands.Add(new PostingCommand($"rej:{report.MessageId}:{r.EndToEndId}", "pain002:" + report.MessageId, Kind, r.EndToEndId, "", cents ?? 0, body));
            }
            await PostingQueue.EnqueueAsync(conn, tx, commands, now, ct);
        }
    }

    private static async Task<bool> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long importId, Pain002Report report, string e2e, string? code,
        bool proprietary, DateOnly on, long? cents, string status, string? explanation, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into direct_debit_rejects (message_id, end_to_end_id, import_id, original_message_id, reason_code, proprietary, rejected_on, amount_cents, status, explanation)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict do nothing
            """, conn, tx);
        foreach (var v in new object?[] { report.MessageId, e2e, importId, report.OriginalMessageId, code, proprietary, on, cents, status, explanation })
            cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Sends one reject. The ledger's answers that no retry can change (404, 409, 400) end the posting and put the reject
    /// in review with the reason; a ledger that is down leaves it pending, like any posting.
    /// </summary>
    public static async Task<SendResult> SendAsync(LedgerApi ledger, NpgsqlDataSource db, string body, CancellationToken ct)
    {
        var sent = await ledger.SendAsync("direct-debits/rejects", body, null, ct);
        using var doc = JsonDocument.Parse(body);
        var request = doc.RootElement;
        var e2e = request.GetProperty("endToEndId").GetString()!;
        var messageId = request.GetProperty("messageId").GetString()!;
        var code = request.GetProperty("reasonCode").GetString();
        var what = $"{What(e2e, DateOnly.ParseExact(request.GetProperty("rejectedOn").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture))}{Motif(code, false)}";
        if (sent.Outcome == SendOutcome.Done && sent.Body is { ValueKind: JsonValueKind.Object } answer)
        {
            await UpdateAsync(db, messageId, e2e, "Done", Text(answer, "tenantReference"), Text(answer, "noticeReference"), Text(answer, "reason"), null, ct);
            return sent;
        }
        var explanation = sent.Status switch
        {
            404 => $"{what} : le grand livre ne connaît aucun prélèvement demandé sous cette référence ; vérifiez le fichier de prélèvements avant de relancer le locataire",
            409 => $"{what} : le grand livre a déjà enregistré un rejet de ce prélèvement avec un autre motif ; comparez les rapports de la banque",
            400 => $"{what} : le grand livre refuse ce rejet ({Field(sent.Detail)}) ; rien n'a été enregistré",
            _ => null,
        };
        if (sent.Outcome != SendOutcome.Poison || explanation is null) return sent;
        await UpdateAsync(db, messageId, e2e, "Review", null, null, null, explanation, ct);
        return new SendResult(SendOutcome.Done, sent.Status, explanation, null);
    }

    private static async Task UpdateAsync(NpgsqlDataSource db, string messageId, string e2e, string status, string? tenant, string? notice, string? reason, string? explanation, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            update direct_debit_rejects set status = $3, tenant_reference = $4, notice_reference = $5, reason_text = $6, explanation = $7
            where message_id = $1 and end_to_end_id = $2
            """);
        foreach (var v in new object?[] { messageId, e2e, status, tenant, notice, reason, explanation })
            cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<List<RejectRow>> ReviewAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var list = new List<RejectRow>();
        await using var cmd = db.CreateCommand("""
            select message_id, end_to_end_id, reason_code, rejected_on, amount_cents, explanation from direct_debit_rejects
            where status = 'Review' order by rejected_on, message_id, end_to_end_id limit 1000
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new RejectRow(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetFieldValue<DateOnly>(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.GetString(5)));
        return list;
    }

    public static async Task<RejectCounts> CountsAsync(NpgsqlDataSource db, long importId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select count(*), count(*) filter (where status = 'Done'), count(*) filter (where status = 'Review'), count(*) filter (where status = 'Pending')
            from direct_debit_rejects where import_id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = importId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new RejectCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
    }

    private static string What(string e2e, DateOnly on) => $"rejet du prélèvement {e2e} le {Fr.Date(on)}";

    private static string Motif(string? code, bool proprietary) =>
        code is null ? "" : proprietary ? $" (motif de la banque {code})"
            : $" (motif {code}{(SepaReasonCodes.Find(code) is { } c ? ", " + c.French : "")})";

    /// <summary>The field a ProblemDetails names (never its free text, which could echo request content).</summary>
    private static string Field(string? problem)
    {
        try
        {
            using var doc = JsonDocument.Parse(problem ?? "{}");
            return doc.RootElement.TryGetProperty("field", out var f) && f.GetString() is { } name ? "champ " + name : "requête refusée";
        }
        catch (JsonException)
        {
            return "requête refusée";
        }
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
