using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Primitives;

/// <summary>A landlord (bailleur) served by this deployment; also the Marten tenant id of its data.</summary>
public sealed record LandlordId
{
    private static readonly Regex Shape = new("^[a-z0-9][a-z0-9-]{1,39}$", FixedShape.Options, FixedShape.Timeout);

    public string Value { get; }

    public LandlordId(string value)
    {
        if (!Shape.IsMatch(value ?? ""))
        {
            throw new DomainValidationException("landlordId", "landlord id must be 2 to 40 lower-case letters, digits or '-'");
        }
        Value = value!;
    }

    public override string ToString() => Value;
}

/// <summary>
/// The identity of a payment, which is also its idempotency key: derived from the external reference that makes the payment
/// unique in its channel (PSP reference, bank entry reference, cheque number and deposit, Eficash receipt, SDD end-to-end id).
/// </summary>
[JsonConverter(typeof(PaymentIdJsonConverter))]
public sealed record PaymentId
{
    private static readonly Regex Shape = new("^[A-Za-z0-9][A-Za-z0-9:_.\\-]{2,99}$", FixedShape.Options, FixedShape.Timeout);

    public string Value { get; }

    public PaymentId(string value)
    {
        if (!Shape.IsMatch(value ?? ""))
        {
            throw new DomainValidationException("paymentId", "payment id must be 3 to 100 letters, digits or ':_.-'");
        }
        Value = value!;
    }

    /// <summary>The deterministic id of a payment from its channel and the external reference unique in that channel.</summary>
    public static PaymentId For(PaymentChannel channel, string externalReference) =>
        new($"{channel.ToString().ToLowerInvariant()}:{externalReference.Trim()}");

    public override string ToString() => Value;
}

/// <summary>How the money reached the landlord.</summary>
public enum PaymentChannel
{
    Card,
    Transfer,
    Cheque,
    TipSepa,
    Eficash,
    DirectDebit,
}
