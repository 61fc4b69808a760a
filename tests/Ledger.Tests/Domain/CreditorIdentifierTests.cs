using Primitives;

namespace Ledger.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class CreditorIdentifierTests
{
    // Vectors: FR72ZZZ123456 (the French example ICS: 98 - mod97("123456FR00") = 72) and DE98ZZZ09999999999 (the
    // Bundesbank's published test creditor id); the business code (ZZZ, or any other) does not enter the check digits.
    [Theory]
    [InlineData("FR72ZZZ123456")]
    [InlineData("FR72ABC123456")]
    [InlineData("fr72 zzz 123456")]
    [InlineData("DE98ZZZ09999999999")]
    public void Create_ValidIdentifier_IsAccepted(string value) =>
        new CreditorIdentifier(value).Value.ShouldBe(value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());

    [Theory]
    [InlineData("FR73ZZZ123456")]      // check digits off by one
    [InlineData("FR72ZZZ123465")]      // two digits of the national id swapped
    [InlineData("FR72ZZZ12345")]       // a French ICS has 13 characters
    [InlineData("DE98ZZZ09999999998")]
    [InlineData("72ZZZ123456")]
    [InlineData("FR72-ZZZ-123456")]
    [InlineData("")]
    public void Create_InvalidIdentifier_IsRejectedNamingIcs(string value)
    {
        CreditorIdentifier.TryCreate(value, out var ics).ShouldBeFalse();
        ics.ShouldBeNull();
        Should.Throw<DomainValidationException>(() => new CreditorIdentifier(value)).Field.ShouldBe("ics");
    }

    [Fact]
    public void Core_LeavesTheBusinessCodeOut() =>
        new CreditorIdentifier("FR72ABC123456").Core.ShouldBe(new CreditorIdentifier("FR72ZZZ123456").Core);
}
