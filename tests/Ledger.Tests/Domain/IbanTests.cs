using Ledger.Domain.Accounts;
using Primitives;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class IbanTests
{
    // Checked by hand with mod 97 (move the first four characters to the end, letters to numbers, remainder must be 1).
    [Theory]
    [InlineData("FR76 3000 6000 0112 3456 7890 189")]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("fr7630006000011234567890189")]
    public void Create_ValidIban_IsAccepted(string value) =>
        new Iban(value).Value.ShouldBe(value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());

    [Theory]
    [InlineData("FR76 3000 6000 0112 3456 7890 188")] // last digit changed
    [InlineData("FR76 3000 6000 0112 3456 7890 198")] // two digits swapped
    [InlineData("FR76 3000 6000 0112 3456 7890 18")]  // French IBANs have 27 characters
    [InlineData("7630006000011234567890189")]
    [InlineData("FR76-3000-6000-0112-3456-7890-189")]
    [InlineData("")]
    public void Create_InvalidIban_IsRejected(string value)
    {
        Iban.TryCreate(value, out var iban).ShouldBeFalse();
        iban.ShouldBeNull();
        Should.Throw<DomainValidationException>(() => new Iban(value)).Field.ShouldBe("iban");
    }

    [Fact]
    public void ToString_IsMasked()
    {
        var iban = new Iban("FR7630006000011234567890189");
        iban.ToString().ShouldNotContain("30006000011234567890");
        iban.ToString().ShouldNotContain(iban.Value);
        $"{iban}".ShouldBe("FR76…0189");
    }

    [Fact]
    public void ToPrintedForm_GroupsOfFour() =>
        new Iban("FR7630006000011234567890189").ToPrintedForm().ShouldBe("FR76 3000 6000 0112 3456 7890 189");

    [Fact]
    public void Exception_NeverRepeatsTheIban() =>
        Should.Throw<DomainValidationException>(() => new Iban("FR7630006000011234567890188")).Message.ShouldNotContain("3000600001");
}
