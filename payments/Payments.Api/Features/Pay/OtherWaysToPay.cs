namespace Payments.Api.Features.Pay;

/// <summary>The other ways to pay are rendered by <c>Web/Pages/OtherWays.razor</c>; what it needs in C# lives here.</summary>
public static class OtherWaysToPay
{
    /// <summary>The IBAN in groups of four, as printed on paper: readable, and it wraps on a 320 px screen.</summary>
    public static string Grouped(string iban)
    {
        var compact = new string(iban.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return string.Join(' ', compact.Chunk(4).Select(c => new string(c)));
    }
}
