using Ledger.Domain.Accounts;
using Primitives;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class MoneyTests
{
    [Fact]
    public void Plus_TwoAmounts_AddsCents() => (Eur(51230) + Eur(-1230)).ShouldBe(Eur(50000));

    [Fact]
    public void Minus_TwoAmounts_SubtractsCents() => (Eur(100) - Eur(250)).ShouldBe(Eur(-150));

    [Fact]
    public void Plus_PastLongMaxValue_ThrowsOverflow() =>
        Should.Throw<OverflowException>(() => Eur(long.MaxValue) + Eur(1));

    [Fact]
    public void Minus_PastLongMinValue_ThrowsOverflow() =>
        Should.Throw<OverflowException>(() => Eur(long.MinValue) - Eur(1));

    [Fact]
    public void Negate_LongMinValue_ThrowsOverflow() =>
        Should.Throw<OverflowException>(() => -Eur(long.MinValue));

    [Fact]
    public void Plus_EurosAndFrancs_IsRefused() =>
        Should.Throw<InvalidOperationException>(() => Eur(100) + new Money(100, new Currency("CHF")));

    [Fact]
    public void Compare_EurosAndFrancs_IsRefused() =>
        Should.Throw<InvalidOperationException>(() => Eur(100) < new Money(100, new Currency("CHF")));

    [Fact]
    public void MinMax_TwoAmounts_PickTheRightOne()
    {
        Money.Min(Eur(3), Eur(-4)).ShouldBe(Eur(-4));
        Money.Max(Eur(3), Eur(-4)).ShouldBe(Eur(3));
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("EU")]
    [InlineData("EURO")]
    public void Currency_NotThreeCapitals_IsRejected(string code) =>
        Should.Throw<DomainValidationException>(() => new Currency(code)).Field.ShouldBe("currency");

    [Theory]
    [InlineData("512.30", 51230)]
    [InlineData("-12.3", -1230)]
    [InlineData("7", 700)]
    [InlineData("0.05", 5)]
    [InlineData("+1.5", 150)]
    [InlineData(" 42.00 ", 4200)]
    public void Parse_DecimalWithDot_GivesCents(string text, long cents) =>
        Money.Parse(text, Currency.Eur).ShouldBe(Eur(cents));

    [Theory]
    [InlineData("1.234")]
    [InlineData("abc")]
    [InlineData("1e5")]
    [InlineData("")]
    [InlineData("12,30")]
    [InlineData("12.")]
    [InlineData(".5")]
    [InlineData("-")]
    [InlineData("1 000")]
    public void TryParseCents_Malformed_IsFalse(string text) => Money.TryParseCents(text, out _).ShouldBeFalse();

    [Fact]
    public void Parse_Malformed_ThrowsNamingTheField() =>
        Should.Throw<DomainValidationException>(() => Money.Parse("1.234", Currency.Eur, "lines[2].amount")).Field.ShouldBe("lines[2].amount");

    [Fact]
    public void TryParseCents_SixteenDigits_IsFalseRatherThanOverflow() =>
        Money.TryParseCents("1234567890123456", out _).ShouldBeFalse();

    [Theory]
    [InlineData(51230, "512.30")]
    [InlineData(-1230, "-12.30")]
    [InlineData(5, "0.05")]
    [InlineData(-5, "-0.05")]
    [InlineData(0, "0.00")]
    [InlineData(700, "7.00")]
    public void FormatCents_Cents_DotAndTwoDecimals(long cents, string text) => Money.FormatCents(cents).ShouldBe(text);

    [Fact]
    public void FormatCents_LongMinValue_ThrowsOverflow() => Should.Throw<OverflowException>(() => Money.FormatCents(long.MinValue));

    [Theory]
    [InlineData(123456789)]
    [InlineData(-1)]
    [InlineData(99)]
    public void FormatThenParse_RoundTrips(long cents)
    {
        Money.TryParseCents(Money.FormatCents(cents), out var back).ShouldBeTrue();
        back.ShouldBe(cents);
    }

    [Fact]
    public void ToString_ShowsAmountAndCurrency() => Eur(-1230).ToString().ShouldBe("-12.30 EUR");
}
