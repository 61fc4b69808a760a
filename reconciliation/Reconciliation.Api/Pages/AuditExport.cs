using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Npgsql;
using Reconciliation.Api.Infrastructure;

namespace Reconciliation.Api.Pages;

/// <summary>
/// The whole audit log as JSON lines (<c>GET /audit/export.jsonl</c>, approvers only), oldest first, streamed, for the
/// landlord's SIEM or safekeeping: one object a line with id, at (UTC, ISO 8601), who, action, detail. Nothing written to
/// the log holds a password, a TOTP code or an API key, so the export holds none either. The export is itself logged.
/// </summary>
public static class AuditExport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public sealed record Line(long Id, DateTimeOffset At, string Who, string Action, string Detail);

    public static void MapAuditExport(this WebApplication app) =>
        app.MapGet("/audit/export.jsonl", ExportAsync).RequireAuthorization(Policies.Approver);

    private static async Task ExportAsync(HttpContext http, ClaimsPrincipal user, NpgsqlDataSource db, AuditLog audit, CancellationToken ct)
    {
        await audit.WriteAsync(user.Identity?.Name ?? "?", AuditActions.AuditExported, "", ct);
        http.Response.ContentType = "application/jsonl; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.jsonl\"";
        await using var cmd = db.CreateCommand("select id, at, who, action, detail from audit_log order by id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var newline = "\n"u8.ToArray();
        while (await r.ReadAsync(ct))
        {
            var line = new Line(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1).ToUniversalTime(), r.GetString(2), r.GetString(3), r.GetString(4));
            await http.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(line, Json), ct);
            await http.Response.Body.WriteAsync(newline, ct);
        }
    }
}
