using Ledger.Domain.Accounts;
using Primitives;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class ReferenceTests
{
    [Theory]
    [InlineData(" 100001/01 ", "100001/01")]
    [InlineData("ab-12.c", "AB-12.C")]
    public void TenantReference_IsTrimmedAndUpperCased(string input, string value) => new TenantReference(input).Value.ShouldBe(value);

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("/100001")]
    [InlineData("100001 01")]
    [InlineData("100001_01")]
    [InlineData("123456789012345678901234567890123")]
    public void TenantReference_BadShape_IsRejected(string input)
    {
        TenantReference.TryCreate(input, out var reference).ShouldBeFalse();
        reference.ShouldBeNull();
        Should.Throw<DomainValidationException>(() => new TenantReference(input)).Field.ShouldBe("tenantReference");
    }

    [Fact]
    public void ParisHabitat_SixDigitsSlashTwo_IsAccepted() =>
        TenantReferenceFormat.ParisHabitat.Parse(" 123456/78").Value.ShouldBe("123456/78");

    [Theory]
    [InlineData("12345/78")]
    [InlineData("123456/789")]
    [InlineData("123456-78")]
    [InlineData("AB3456/78")]
    public void ParisHabitat_OtherShapes_AreRejectedNamingTheField(string input) =>
        Should.Throw<DomainValidationException>(() => TenantReferenceFormat.ParisHabitat.Parse(input, "rows[3].tenantReference"))
            .Field.ShouldBe("rows[3].tenantReference");

    [Fact]
    public void AnyFormat_AcceptsAGenericReference() => TenantReferenceFormat.Any.Parse("ABC-1").Value.ShouldBe("ABC-1");

    [Theory]
    [InlineData(" 2026-11/000123 ", "2026-11/000123")]
    [InlineData("av.2026.11", "AV.2026.11")]
    public void NoticeReference_IsTrimmedAndUpperCased(string input, string value) => new NoticeReference(input).Value.ShouldBe(value);

    [Theory]
    [InlineData("")]
    [InlineData("AB")]
    [InlineData("-2026-11")]
    [InlineData("2026 11")]
    [InlineData("123456789012345678901234567890123456")]
    public void NoticeReference_BadShape_IsRejected(string input)
    {
        NoticeReference.TryCreate(input, out _).ShouldBeFalse();
        Should.Throw<DomainValidationException>(() => new NoticeReference(input)).Field.ShouldBe("noticeReference");
    }

    [Fact]
    public void PaymentId_For_ChannelAndTrimmedReference() =>
        PaymentId.For(PaymentChannel.Cheque, " 0001234 ").Value.ShouldBe("cheque:0001234");

    [Theory]
    [InlineData("ab")]
    [InlineData(":abc")]
    [InlineData("abc def")]
    public void PaymentId_BadShape_IsRejected(string input) =>
        Should.Throw<DomainValidationException>(() => new PaymentId(input)).Field.ShouldBe("paymentId");

    [Theory]
    [InlineData("Paris-Habitat")]
    [InlineData("a")]
    public void LandlordId_BadShape_IsRejected(string input) =>
        Should.Throw<DomainValidationException>(() => new LandlordId(input)).Field.ShouldBe("landlordId");

    [Fact]
    public void Json_ValueObjects_TravelAsPlainStrings()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { t = new TenantReference("100001/01"), p = new PaymentId("card:X1"), c = Currency.Eur });
        json.ShouldBe("{\"t\":\"100001/01\",\"p\":\"card:X1\",\"c\":\"EUR\"}");
    }

    [Fact]
    public void Json_CorruptedReference_FailsOnRead() =>
        Should.Throw<DomainValidationException>(() => System.Text.Json.JsonSerializer.Deserialize<NoticeReference>("\"x\""));

    // Regression: a 50 ms match timeout on these fixed shapes fired under heavy CPU load (the thread was descheduled, the
    // pattern was not slow) and a valid reference became a RegexMatchTimeoutException during bulk seeding.
    [Fact]
    public void ValueObjectShapes_FixedPatterns_RunInLinearTimeWithoutAWallClockTimeout()
    {
        var shapes = typeof(TenantReference).Assembly.GetTypes()
            .Select(t => t.GetField("Shape", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static))
            .Where(f => f is not null && f.FieldType == typeof(System.Text.RegularExpressions.Regex))
            .Select(f => (System.Text.RegularExpressions.Regex)f!.GetValue(null)!)
            .ToList();

        shapes.Count.ShouldBeGreaterThanOrEqualTo(4);
        shapes.ShouldAllBe(r => r.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking)
            && r.MatchTimeout == System.Text.RegularExpressions.Regex.InfiniteMatchTimeout);
    }
}
