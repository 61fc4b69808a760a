using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer("Payments.Tests.Support.CardDataScanLast", "Payments.Tests")]

namespace Payments.Tests.Support;

/// <summary>
/// The card-data scan must read the databases and logs after every other test ran: collections run one after the other
/// (2 shared cores anyway), the scan's collection last.
/// </summary>
public sealed class CardDataScanLast : ITestCollectionOrderer
{
    public const string ScanCollection = "zz Card data scan (runs last)";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == ScanCollection ? 1 : 0).ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
