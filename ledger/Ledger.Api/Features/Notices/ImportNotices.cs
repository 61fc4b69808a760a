using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Primitives;

namespace Ledger.Api.Features.Notices;

/// <summary>
/// Imports a batch of rent notices (JSON, or the rent-roll CSV with Content-Type text/csv). Idempotent by notice reference:
/// the same notice again changes nothing; the same reference with other content is a conflict (use a credit note).
/// The whole batch is checked first, against the current accounts, so that a bad row means nothing is written.
/// </summary>
public static class ImportNotices
{
    public sealed record LineRequest(string? Kind, string? Label, string? Amount);

    public sealed record NoticeRequest(
        string? TenantReference, string? TenantName, string? DwellingReference, string? NoticeReference, string? Period,
        string? IssuedOn, string? DueDate, string? Currency, IReadOnlyList<LineRequest>? Lines, string? RfReference = null);

    public sealed record Request(IReadOnlyList<NoticeRequest>? Notices);

    public sealed record Response(int Received, int Issued, int Unchanged, int AccountsOpened);

    private sealed record Row(string Where, TenantReference Tenant, NoticeReference Notice, List<object> Commands);

    public static void MapImportNotices(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/notices/import", HandleAsync).RequireAuthorization(Scopes.NoticesWrite)
            .Accepts<Request>("application/json", "text/csv");

    public static async Task<IResult> HandleAsync(
        string landlordId, HttpRequest http, RequestContext context, BulkLedgerWriter writer,
        IConfiguration config, CancellationToken ct)
    {
        if (await context.LandlordAsync(landlordId, ct) is not { } landlord) return Problems.NotFound("landlordId", "unknown landlord");
        var max = config.GetValue("Ledger:MaxImportBatch", 10_000);
        var format = new TenantReferenceFormat(landlord.TenantReferencePattern);

        // Every bad line or item is reported in one answer (up to Problems.MaxListedErrors), in file order.
        var errors = new List<DomainValidationException>();
        IReadOnlyList<(string Where, NoticeRequest? Notice, DomainValidationException? Error)> items;
        if (http.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, ct);
            items = RentRollCsv.Parse(RentRollCsv.Decode(buffer.ToArray())).Select(x => ($"line {x.Line}: ", x.Notice, x.Error)).ToList();
        }
        else
        {
            var request = await http.ReadFromJsonAsync<Request>(ct) ?? throw new DomainValidationException("notices", "notices is required");
            items = (request.Notices ?? throw new DomainValidationException("notices", "notices is required"))
                .Select((n, i) => ($"notices[{i}].", (NoticeRequest?)n, (DomainValidationException?)null)).ToList();
        }
        if (items.Count == 0) return Problems.Invalid("notices", "the batch holds no notice");
        if (items.Count > max) return Problems.Invalid("notices", $"the batch holds {items.Count} notices; the maximum is {max}");

        var rows = new List<Row>();
        foreach (var (where, notice, error) in items)
        {
            if (error is not null) { errors.Add(error); continue; }
            try { rows.Add(ToRow(landlordId, format, where, notice!, context)); }
            catch (DomainValidationException e) { errors.Add(e); }
        }
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (rows.GroupBy(r => r.Notice.Value).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            return Problems.Invalid(duplicate.Skip(1).First().Where + "noticeReference", "this notice reference appears twice in the batch");
        }

        // One transaction for the whole batch (the rent run's path): all accounts read in one query, decided, written together.
        // The first rejection writes nothing and is reported with the line or item it came from.
        var byTenant = rows.GroupBy(r => r.Tenant.Value, StringComparer.Ordinal).ToList();
        var result = await writer.ExecuteAsync(context.For(landlordId),
            byTenant.Select(g => new BulkLedgerWriter.Item(g.Key, g.SelectMany(r => r.Commands).ToList())).ToList(), ct);
        if (result.RejectedItem is { } rejectedItem)
        {
            var group = byTenant[rejectedItem].ToList();
            var row = result.ConflictingKey is { } key
                ? group.FirstOrDefault(r => r.Notice.Value == key) ?? group[0]
                : RowOfCommand(group, result.Decisions[rejectedItem].Count - 1);
            var r = result.Rejection!;
            return Problems.From(r with { Field = row.Where + r.Field });
        }

        int issued = 0, unchanged = 0, opened = 0;
        foreach (var (group, decisions) in byTenant.Zip(result.Decisions))
        {
            foreach (var (command, decision) in group.SelectMany(r => r.Commands).Zip(decisions))
            {
                if (command is OpenAccount && decision is Decision.Accepted) opened++;
                if (command is IssueNotice) { if (decision is Decision.Accepted) issued++; else unchanged++; }
            }
        }
        return TypedResults.Ok(new Response(rows.Count, issued, unchanged, opened));
    }

    /// <summary>The row whose commands include the command at <paramref name="index"/> of the account's concatenated commands.</summary>
    private static Row RowOfCommand(List<Row> group, int index)
    {
        foreach (var row in group)
        {
            if (index < row.Commands.Count) return row;
            index -= row.Commands.Count;
        }
        return group[^1];
    }

    private static Row ToRow(string landlordId, TenantReferenceFormat format, string where, NoticeRequest n, RequestContext context)
    {
        var tenant = Input.Wrap(where + "tenantReference", () => format.Parse(Input.Required(n.TenantReference, where + "tenantReference", 32)));
        var notice = Input.Wrap(where + "noticeReference", () => new NoticeReference(Input.Required(n.NoticeReference, where + "noticeReference", 35)));
        var currency = Input.Wrap(where + "currency", () => new Currency(string.IsNullOrWhiteSpace(n.Currency) ? "EUR" : n.Currency.Trim()));
        var lines = (n.Lines ?? []).Select((l, i) => new NoticeLine(
            Input.Enum<NoticeLineKind>(l.Kind, $"{where}lines[{i}].kind"),
            Input.Optional(l.Label, $"{where}lines[{i}].label"),
            Input.Money(l.Amount, currency.Code, $"{where}lines[{i}].amount"))).ToList();
        var period = Input.Period(n.Period, where + "period");
        var commands = new List<object>();
        if (!string.IsNullOrWhiteSpace(n.TenantName))
        {
            commands.Add(new OpenAccount(landlordId, tenant, Input.Required(n.TenantName, where + "tenantName"), Input.Optional(n.DwellingReference, where + "dwellingReference"), context.Today) { OnlyIfAbsent = true });
        }
        commands.Add(new IssueNotice(notice, period,
            n.IssuedOn is null ? period.OnDayOfMonth(1) : Input.Date(n.IssuedOn, where + "issuedOn"),
            Input.Date(n.DueDate, where + "dueDate"), lines,
            string.IsNullOrWhiteSpace(n.RfReference) ? null : Input.Wrap(where + "rfReference", () => new RfReference(n.RfReference))));
        return new Row(where, tenant, notice, commands);
    }
}
