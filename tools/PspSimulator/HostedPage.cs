using System.Net;

namespace PspSimulator;

/// <summary>
/// The PSP's hosted payment page. The card fields exist only here, on the PSP's side of the boundary: the number is checked
/// (Luhn, and which test card it is) and then dropped; expiry, CVC and holder name are required but never read further.
/// Test cards: 4111 1111 1111 1111 (authorised), 4000 0000 0000 0002 (refused).
/// </summary>
public static class HostedPage
{
    public static void MapHostedPage(this WebApplication app)
    {
        app.MapGet("/checkout/{id}", (string id, SimulatorState state) =>
        {
            if (!state.Sessions.TryGetValue(id, out var s)) return SimulatorApp.Html(SimulatorApp.Page("Session inconnue", "<p>Cette session n'existe pas.</p>"), 404);
            if (s.Status != "active") return SimulatorApp.Html(SimulatorApp.Page("Session terminée", "<p>Ce paiement est déjà traité.</p>"), 410);
            return SimulatorApp.Html(SimulatorApp.Page("Paiement sécurisé", $"""
                <p>Montant : <strong id="amount">{WebUtility.HtmlEncode(SimulatorApp.Amount(s.AmountValue, s.Currency))}</strong></p>
                <form method="post" action="/checkout/{WebUtility.HtmlEncode(id)}" autocomplete="off">
                <label for="cardNumber">Numéro de carte</label><input id="cardNumber" name="cardNumber" inputmode="numeric" required>
                <label for="expiry">Date d'expiration (MM/AA)</label><input id="expiry" name="expiry" required>
                <label for="cvc">Cryptogramme</label><input id="cvc" name="cvc" inputmode="numeric" required>
                <label for="holder">Titulaire de la carte</label><input id="holder" name="holder" required>
                <button type="submit" id="pay">Payer</button>
                </form>
                """));
        });
        app.MapPost("/checkout/{id}", async (string id, HttpContext http, SimulatorState state, WebhookSender sender, TimeProvider time) =>
        {
            if (!state.Sessions.TryGetValue(id, out var s) || s.Status != "active") return Results.NotFound();
            var form = await http.Request.ReadFormAsync();
            var digits = new string(form["cardNumber"].ToString().Where(char.IsAsciiDigit).ToArray());
            var authorised = Luhn(digits) && digits != "4000000000000002";
            var last4 = digits.Length >= 4 ? digits[^4..] : "0000";
            digits = "";
            var psp = SimulatorState.NewPspReference();
            s.PspReference = psp;
            s.Status = authorised ? "completed" : "refused";
            var now = time.GetLocalNow();
            // Like Adyen, the AUTHORISATION carries card details in additionalData and reason; our host must drop them.
            var extra = new Dictionary<string, string> { ["cardSummary"] = last4, ["expiryDate"] = "03/2030", ["authCode"] = "123456" };
            if (s.Kind == "link") extra["paymentLinkId"] = s.Id; else extra["checkoutSessionId"] = s.Id;
            sender.Enqueue(new SimNotification(psp, null, s.Reference, s.AmountValue, s.Currency, "AUTHORISATION", authorised, now, "visa",
                authorised ? $"123456:{last4}:03/2030" : "Refused", extra));
            if (authorised) state.Settlements.Enqueue(new SimSettlement(psp, s.Reference, s.AmountValue, s.Currency, now, "Settled"));
            var separator = s.ReturnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = $"{s.ReturnUrl}{separator}sessionId={s.Id}&sessionResult={(authorised ? "completed" : "refused")}";
            return Results.Empty;
        }).DisableAntiforgery();
    }

    public static bool Luhn(string digits)
    {
        if (digits.Length is < 12 or > 19) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
