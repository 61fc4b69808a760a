namespace Ledger.Domain.DirectDebit;

/// <summary>
/// The EndToEndId of a collection, derived from its notice so that a reject or a return finds the notice without a
/// lookup table (issue 12 contract): the notice reference with '/' replaced by '-' ("2026-11/000001" → "2026-11-000001"),
/// then "-R1", "-R2" … for its re-presentations. SEPA character set, 35 characters at most.
/// </summary>
public static class EndToEndId
{
    public static string For(string noticeReference, int presentation = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(presentation);
        var id = noticeReference.Replace('/', '-') + (presentation == 0 ? "" : $"-R{presentation}");
        return SepaText.IsIdentifier(id)
            ? id
            : throw new ArgumentException("this notice reference gives no EndToEndId of at most 35 SEPA characters", nameof(noticeReference));
    }

    /// <summary>Which presentation an EndToEndId is: 0 for the first, n for "-Rn".</summary>
    public static int PresentationOf(string endToEndId)
    {
        var dash = endToEndId.LastIndexOf("-R", StringComparison.Ordinal);
        return dash > 0 && int.TryParse(endToEndId.AsSpan(dash + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : 0;
    }
}
