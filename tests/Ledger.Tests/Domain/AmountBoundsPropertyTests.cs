using System.Numerics;
using CsCheck;
using Ledger.Api.Infrastructure;
using Primitives;

namespace Ledger.Tests.Domain;

/// <summary>
/// Issue 9, item 6: with every amount bounded on input, sums cannot overflow. Checked arithmetic stays (an overflow would throw,
/// not wrap); these properties show that no sum a landlord can reach comes near it.
/// </summary>
public sealed class AmountBoundsPropertyTests
{
    private const long Max = Input.DefaultMaxAmountCents;

    [Fact]
    public void Sum_OfAnyBoundedAmounts_EqualsTheExactSumWithoutOverflow()
    {
        Gen.Long[-Max, Max].Array[0, 5000].Sample(amounts =>
        {
            var sum = amounts.Aggregate(Money.Eur(0), (acc, c) => acc + Money.Eur(c));
            return new BigInteger(sum.Cents) == amounts.Aggregate(BigInteger.Zero, (acc, c) => acc + c);
        });
    }

    [Fact]
    public void Sum_WorstCase_TenMillionPaymentsAtTheMaximum_StaysFarBelowLongMaxValue()
    {
        // Ten million payments of 1,000,000.00 € (more than any landlord books in a century) = 10^15 cents; long holds 9.2 × 10^18.
        var total = Money.Eur(0);
        for (var i = 0; i < 10_000_000; i++) total += Money.Eur(Max);
        total.Cents.ShouldBe(10_000_000L * Max);
        (long.MaxValue / Max).ShouldBeGreaterThan(90_000_000_000L);
    }

    [Fact]
    public void Input_AmountAboveTheMaximum_IsRefusedNamingTheField()
    {
        Should.Throw<DomainValidationException>(() => Input.Money("1000000.01", "EUR", "amount")).Field.ShouldBe("amount");
        Should.Throw<DomainValidationException>(() => Input.Money("-1000000.01", "EUR", "lines[0].amount")).Field.ShouldBe("lines[0].amount");
        Input.Money("1000000.00", "EUR", "amount").Cents.ShouldBe(Max);
    }
}
