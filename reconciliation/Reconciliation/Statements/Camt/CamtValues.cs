using System.Xml.Linq;
using Primitives;
using NodaTime;
using NodaTime.Text;

namespace Reconciliation.Statements.Camt;

internal static class CamtValues
{
    /// <summary><c>Amt@Ccy</c> signed by <c>CdtDbtInd</c> (amounts are never negative in camt; the sign is the indicator).</summary>
    public static Money Signed(XElement parent, string path)
    {
        var amt = parent.El("Amt") ?? throw new StatementFormatException(Xml.Where(parent, path), "Amt is missing");
        var money = Unsigned(amt, path + "/Amt");
        var ind = parent.Text("CdtDbtInd");
        return ind switch
        {
            "CRDT" => money,
            "DBIT" => -money,
            _ => throw new StatementFormatException(Xml.Where(parent, path + "/CdtDbtInd"), "CdtDbtInd must be CRDT or DBIT"),
        };
    }

    public static Money Unsigned(XElement amt, string path)
    {
        if (!Amounts.TryParseCents(amt.Value.Trim(), '.', out var cents) || cents < 0)
        {
            throw new StatementFormatException(Xml.Where(amt, path), "amount is not a positive decimal with at most two significant decimals");
        }
        var ccy = (string?)amt.Attribute("Ccy");
        try { return new Money(cents, new Currency(ccy ?? "")); }
        catch (DomainValidationException) { throw new StatementFormatException(Xml.Where(amt, path + "@Ccy"), "Ccy is not an ISO 4217 code"); }
    }

    /// <summary>A <c>Dt</c> or <c>DtTm</c> choice; the calendar date as written (zone suffixes like "+02:00" ignored).</summary>
    public static LocalDate? Date(XElement? choice, string path)
    {
        if (choice == null) return null;
        var text = choice.Text("Dt") ?? choice.Text("DtTm");
        if (text == null) return null;
        var r = text.Length >= 10 ? LocalDatePattern.Iso.Parse(text[..10]) : null;
        if (r is not { Success: true }) throw new StatementFormatException(Xml.Where(choice, path), "date is not YYYY-MM-DD");
        return r.Value;
    }
}
