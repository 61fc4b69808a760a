using System.Text.RegularExpressions;

namespace Ledger.Api.Features.Receipts;

/// <summary>The shape of a document number (kind letter, notice reference with '-', version), checked before any lookup.</summary>
public static partial class ReceiptNumber
{
    public static bool IsWellFormed(string number) => Shape().IsMatch(number);

    [GeneratedRegex(@"^[QRA]-[A-Z0-9.\-]{1,40}-[1-9][0-9]{0,5}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Shape();
}
