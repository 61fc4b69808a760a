using System.Runtime.CompilerServices;
using System.Text;
using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Marten;
using NodaTime;
using Npgsql;

namespace Ledger.Api.Features.Exports;

/// <summary>
/// Balance âgée: what each tenant still owes on open notices, by days past the due date at <c>asOf</c> (default today):
/// not yet due, 0–30, 31–60, 61–90, more than 90. Amounts are the notices' outstanding now (credit not yet allocated is
/// not netted: it is shown apart). JSON for the accountants' workspace, CSV for a spreadsheet; both stream by tenant.
/// </summary>
public static class AgedBalance
{
    public sealed record Row(string TenantReference, string TenantName, string NotDue, string Days0To30, string Days31To60,
        string Days61To90, string Over90, string Total, string Credit);

    public sealed record Response(string AsOf, IReadOnlyList<Row> Tenants, Row Totals);

    public static void MapAgedBalance(this RouteGroupBuilder group)
    {
        group.MapGet("/landlords/{landlordId}/reports/aged-balance", JsonAsync).RequireAuthorization(Scopes.JournalRead);
        group.MapGet("/landlords/{landlordId}/exports/aged-balance.csv", CsvAsync).RequireAuthorization(Scopes.JournalRead);
    }

    public static async Task<IResult> JsonAsync(string landlordId, string? asOf, IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var date = AsOf(asOf, clock);
        var rows = new List<Row>();
        var totals = new long[6];
        await foreach (var (tenant, name, buckets) in ReadAsync(store, landlordId, date, ct))
        {
            for (var i = 0; i < 6; i++) totals[i] += buckets[i];
            rows.Add(Format(tenant, name, buckets));
        }
        return TypedResults.Ok(new Response(date.ToString("yyyy-MM-dd", null), rows, Format("TOTAL", "", totals)));
    }

    public static IResult CsvAsync(string landlordId, string? asOf, IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var date = AsOf(asOf, clock);
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(true), 1 << 16);
            await writer.WriteAsync("locataire;nom;non_echu;0_30;31_60;61_90;plus_90;total;avoir\r\n");
            await foreach (var (tenant, name, b) in ReadAsync(store, landlordId, date, ct))
            {
                var cells = new[] { tenant, name }.Concat(b.Select(ExportText.Amount)).Select(ExportJournalCsv.Cell);
                await writer.WriteAsync(string.Join(';', cells) + "\r\n");
            }
            await writer.FlushAsync(ct);
        }, "text/csv; charset=utf-8", $"balance-agee-{date:yyyyMMdd}.csv");
    }

    private static LocalDate AsOf(string? asOf, IClock clock) =>
        string.IsNullOrWhiteSpace(asOf) ? clock.GetCurrentInstant().InUtc().Date : Input.Date(asOf, "asOf");

    private static Row Format(string tenant, string name, long[] b) => new(tenant, name, Input.Format(b[0]), Input.Format(b[1]),
        Input.Format(b[2]), Input.Format(b[3]), Input.Format(b[4]), Input.Format(b[0] + b[1] + b[2] + b[3] + b[4]), Input.Format(b[5]));

    private const string Sql = """
        select a.id, a.data->>'tenantName', cast(a.data->>'creditCents' as bigint), o->>'dueDate', cast(o->>'outstandingCents' as bigint)
        from ledger.mt_doc_accountview a
        left join lateral jsonb_array_elements(a.data->'openNotices') o on true
        where a.tenant_id = @landlord
          and (jsonb_array_length(a.data->'openNotices') > 0 or cast(a.data->>'creditCents' as bigint) <> 0)
        order by a.id
        """;

    /// <summary>Per tenant with open notices or credit: buckets not due, 0–30, 31–60, 61–90, >90, then credit.</summary>
    private static async IAsyncEnumerable<(string Tenant, string Name, long[] Buckets)> ReadAsync(
        IDocumentStore store, string landlordId, LocalDate asOf, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = store.DatabaseOf(landlordId).CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("landlord", landlordId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        string? current = null, name = null;
        var buckets = new long[6];
        while (await reader.ReadAsync(ct))
        {
            var tenant = reader.GetString(0);
            if (tenant != current)
            {
                if (current is not null) yield return (current, name!, buckets);
                (current, name, buckets) = (tenant, reader.GetString(1), new long[6]);
                buckets[5] = reader.GetInt64(2);
            }
            if (reader.IsDBNull(3)) continue;
            var days = Period.Between(LocalDate.FromDateTime(DateTime.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture)), asOf, PeriodUnits.Days).Days;
            buckets[days < 0 ? 0 : days <= 30 ? 1 : days <= 60 ? 2 : days <= 90 ? 3 : 4] += reader.GetInt64(4);
        }
        if (current is not null) yield return (current, name!, buckets);
    }
}
