using NodaTime;
using Reconciliation.Matching;

namespace Reconciliation.Tests.Matching;

public sealed class FrenchTests
{
    [Theory]
    [InlineData(51230L, "512,30\u202f€")]
    [InlineData(151230L, "1\u202f512,30\u202f€")]
    [InlineData(123456789L, "1\u202f234\u202f567,89\u202f€")]
    [InlineData(-870L, "-8,70\u202f€")]
    [InlineData(5L, "0,05\u202f€")]
    public void Amount_Cents_IsWrittenTheFrenchWay(long cents, string expected) => French.Amount(cents).ShouldBe(expected);

    [Theory]
    [InlineData(2026, 11, 5, "5 novembre 2026")]
    [InlineData(2026, 2, 1, "1er février 2026")]
    [InlineData(2027, 8, 31, "31 août 2027")]
    public void Date_LocalDate_IsWrittenTheFrenchWay(int y, int m, int d, string expected) => French.Date(new LocalDate(y, m, d)).ShouldBe(expected);
}
