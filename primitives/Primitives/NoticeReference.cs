using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Primitives;

/// <summary>The reference of one rent notice (avis d'échéance), unique per landlord, e.g. <c>2026-11/000123</c>.</summary>
[JsonConverter(typeof(NoticeReferenceJsonConverter))]
public sealed record NoticeReference : IComparable<NoticeReference>
{
    private static readonly Regex Shape = new("^[A-Z0-9][A-Z0-9/\\-.]{2,34}$", FixedShape.Options, FixedShape.Timeout);

    public string Value { get; }

    public NoticeReference(string value)
    {
        var v = (value ?? "").Trim().ToUpperInvariant();
        if (!Shape.IsMatch(v))
        {
            throw new DomainValidationException("noticeReference", "notice reference must be 3 to 35 letters, digits, '/', '-' or '.'");
        }
        Value = v;
    }

    public static bool TryCreate(string? value, out NoticeReference? reference)
    {
        try { reference = new NoticeReference(value ?? ""); return true; }
        catch (DomainValidationException) { reference = null; return false; }
    }

    public int CompareTo(NoticeReference? other) => string.CompareOrdinal(Value, other?.Value);

    public override string ToString() => Value;
}
