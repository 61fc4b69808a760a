using Ledger.Domain.Accounts;
using Primitives;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class RfReferenceTests
{
    // statements.md §5: STDNUM, MOBILEFISH, XMLDATION, MARIC and python-stdnum's doctest samples.
    [Theory]
    [InlineData("RF18539007547034")]
    [InlineData("RF18 5390 0754 70Y")]
    [InlineData("RF45G72UUR")]
    [InlineData("RF6518K5")]
    [InlineData("RF48 5000056789012345")]
    [InlineData("RF712348231")]
    [InlineData("RF2012345678")]
    [InlineData("RF03SW3EZRUFBK")]
    [InlineData("RF529")]
    [InlineData("RF08P")]
    [InlineData("rf18539007547034")]
    public void Check_PublishedValidVectors_AreAccepted(string value)
    {
        RfReference.IsValid(value).ShouldBeTrue();
        new RfReference(value).Value.ShouldBe(value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
    }

    [Theory]
    [InlineData("RF17 5390 0754 7034")]
    [InlineData("RF35C4")]
    [InlineData("RF214377")]
    [InlineData("RF18")]
    [InlineData("XX18539007547034")]
    [InlineData("RF1853900754703412345678")]
    [InlineData("")]
    public void Check_InvalidVectors_AreRejected(string value)
    {
        RfReference.IsValid(value).ShouldBeFalse();
        Should.Throw<DomainValidationException>(() => new RfReference(value)).Field.ShouldBe("rfReference");
    }

    [Theory]
    [InlineData("C4", "RF51C4")]
    [InlineData("4377", "RF684377")]
    [InlineData("539007547034", "RF18539007547034")]
    [InlineData("1", "RF741")]
    [InlineData("0", "RF040")]
    public void Generate_Body_GivesTheVector(string body, string expected) => RfReference.Generate(body).Value.ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("1234567890123456789012")]
    [InlineData("12-34")]
    public void Generate_BadBody_IsRejected(string body) => Should.Throw<DomainValidationException>(() => RfReference.Generate(body));

    [Fact]
    public void ToPrintedForm_GroupsOfFour() => new RfReference("RF18539007547034").ToPrintedForm().ShouldBe("RF18 5390 0754 7034");

    [Fact]
    public void RfFor_NoticeReference_UsesItsLettersAndDigits() =>
        // "2026-11/000123" → body "202611000123"
        TenantAccountDecider.RfFor(N("2026-11/000123")).Value[4..].ShouldBe("202611000123");
}
