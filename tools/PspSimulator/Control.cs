using System.Globalization;
using System.Text;

namespace PspSimulator;

/// <summary>
/// Test and demo controls: faults on session creation, delivery disorder, extra events (capture, refund, chargeback…),
/// arbitrary signed notifications, counters, and the settlement details report of a payout batch.
/// </summary>
public static class Control
{
    public sealed record FaultRequest(FaultMode Mode, int Count);

    public sealed record EventRequest(string EventCode, bool Success = true, long? AmountValue = null, string? Reason = null, string? PspReference = null);

    public static void MapControl(this WebApplication app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapPost("/faults", (FaultRequest r, SimulatorState state) => { state.SetFault(r.Mode, r.Count); return Results.NoContent(); });
        sim.MapPost("/delivery", (DeliveryBehaviour b, SimulatorState state) => { state.Delivery = b; return Results.NoContent(); });
        sim.MapGet("/sessions", (SimulatorState state) => Results.Json(new
        {
            createCalls = state.CreateCalls,
            sessions = state.Sessions.Values.Select(s => new { s.Id, s.Reference, s.IdempotencyKey, s.Status, s.PspReference }),
        }));
        sim.MapGet("/delivered", (WebhookSender sender) => Results.Json(new { delivered = sender.Delivered }));
        // A modification of an existing payment: CAPTURE, REFUND, CHARGEBACK, CHARGEBACK_REVERSED, CANCELLATION, REFUND_FAILED…
        sim.MapPost("/payments/{psp}/events", (string psp, EventRequest r, SimulatorState state, WebhookSender sender, TimeProvider time) =>
        {
            var session = state.Sessions.Values.FirstOrDefault(s => s.PspReference == psp);
            if (session is null) return Results.NotFound();
            var own = r.PspReference ?? SimulatorState.NewPspReference();
            var amount = r.AmountValue ?? session.AmountValue;
            sender.Enqueue(new SimNotification(own, psp, session.Reference, amount, session.Currency, r.EventCode, r.Success, time.GetLocalNow(), "visa", r.Reason,
                new Dictionary<string, string>()));
            var type = r.EventCode switch { "REFUND" => "Refunded", "CHARGEBACK" => "Chargeback", "CHARGEBACK_REVERSED" => "ChargebackReversed", _ => null };
            if (type is not null && r.Success) state.Settlements.Enqueue(new SimSettlement(psp, session.Reference, amount, session.Currency, time.GetLocalNow(), type));
            return Results.Json(new { pspReference = own });
        });
        sim.MapGet("/reports/settlement_detail_report_batch_{batch:int}.csv", (int batch, SimulatorState state, IConfiguration config) =>
            Results.Text(SettlementCsv(batch, state, config["Simulator:MerchantAccount"] ?? ""), "text/csv", Encoding.UTF8));
    }

    private static readonly string[] Columns =
    [
        "Company Account", "Merchant Account", "Psp Reference", "Merchant Reference", "Payment Method", "Creation Date", "TimeZone", "Type",
        "Modification Reference", "Gross Currency", "Gross Debit (GC)", "Gross Credit (GC)", "Exchange Rate", "Net Currency", "Net Debit (NC)",
        "Net Credit (NC)", "Commission (NC)", "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)", "Payment Method Variant",
        "Modification Merchant Reference", "Batch Number", "Reserved4", "Reserved5", "Reserved6", "Reserved7", "Reserved8", "Reserved9", "Reserved10",
    ];

    /// <summary>
    /// Classic 30-column settlement details report: one line per booked movement (fees of 1.2 % + 0.10 on settled lines), then
    /// the MerchantPayout line whose net debit equals Σ net credit − Σ net debit (what the bank statement will show).
    /// </summary>
    public static string SettlementCsv(int batch, SimulatorState state, string merchant)
    {
        var csv = new StringBuilder(string.Join(',', Columns)).Append('\n');
        long net = 0;
        foreach (var s in state.Settlements)
        {
            var credit = s.Type is "Settled" or "ChargebackReversed";
            var fee = s.Type == "Settled" ? checked(s.AmountValue * 12 / 1000 + 10) : 0;
            var netValue = credit ? checked(s.AmountValue - fee) : s.AmountValue;
            net = credit ? checked(net + netValue) : checked(net - netValue);
            csv.Append(Row(merchant, s.PspReference, s.MerchantReference, "visa", s.On, s.Type, SimulatorState.NewPspReference(), s.Currency,
                credit ? "" : Major(s.AmountValue), credit ? Major(s.AmountValue) : "", credit ? "" : Major(netValue), credit ? Major(netValue) : "",
                fee == 0 ? "" : Major(fee), batch));
        }
        var on = state.Settlements.LastOrDefault()?.On ?? DateTimeOffset.UnixEpoch;
        csv.Append(Row(merchant, "", "", "", on, "MerchantPayout", $"TX{batch:0000}SIMPAYOUT batch {batch}, {merchant}", "EUR", "", "", Major(net), "", "", batch));
        return csv.ToString();
    }

    private static string Row(string merchant, string psp, string reference, string method, DateTimeOffset on, string type, string modification,
        string currency, string grossDebit, string grossCredit, string netDebit, string netCredit, string commission, int batch) =>
        string.Join(',', "SimCompany", merchant, psp, Quote(reference), method, on.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), "CET", type,
            Quote(modification), currency, grossDebit, grossCredit, grossCredit.Length + grossDebit.Length > 0 ? "1" : "", currency, netDebit, netCredit,
            commission, "", "", "", method.Length > 0 ? "visaclassic" : "", "", batch.ToString(CultureInfo.InvariantCulture), "", "", "", "", "", "", "") + "\n";

    private static string Major(long minor) => string.Create(CultureInfo.InvariantCulture, $"{minor / 100}.{Math.Abs(minor % 100):00}");

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
}
