using Ledger.Domain.Accounts;
using Primitives;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class CanonTests
{
    // The Given/When/Then helper compares events through Canon: it must see a difference inside a list.
    [Fact]
    public void Canon_EventsDifferingOnlyInALine_AreDifferent() =>
        Canon.Of(Issued(11, Rent(100))).ShouldNotBe(Canon.Of(Issued(11, Rent(101))));

    [Fact]
    public void Canon_EqualEventsWithDistinctLists_AreEqual() =>
        Canon.Of(Issued(11, Rent(100), Rls(-5))).ShouldBe(Canon.Of(Issued(11, Rent(100), Rls(-5))));

    [Fact]
    public void Canon_DictionariesInAnotherOrder_AreEqual() =>
        Canon.Of(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" })
            .ShouldBe(Canon.Of(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }));
}
