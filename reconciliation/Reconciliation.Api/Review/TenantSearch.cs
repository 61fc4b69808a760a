using System.Globalization;
using System.Text;
using Npgsql;
using Primitives;
using Reconciliation.Api.Infrastructure;

namespace Reconciliation.Api.Review;

/// <summary>Finds open notices by tenant name (accents and case ignored), tenant or notice reference, a learned IBAN, or the amount due.</summary>
public static class TenantSearch
{
    public static async Task<IReadOnlyList<OpenItem>> FindAsync(string query, LedgerApi ledger, NpgsqlDataSource db, CancellationToken ct)
    {
        var q = query.Trim();
        var items = await ledger.OpenItemsAsync(ct);
        var tenants = new HashSet<string>(StringComparer.Ordinal);
        var compactIban = q.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compactIban.Length >= 15)
        {
            await using var cmd = db.CreateCommand("select tenant_reference from known_ibans where iban = $1");
            cmd.Parameters.Add(new NpgsqlParameter { Value = compactIban });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) tenants.Add(r.GetString(0));
        }
        var hasAmount = Money.TryParseCents(q.Replace(',', '.').Replace("€", "", StringComparison.Ordinal).Trim(), out var cents);
        var folded = Fold(q);
        return items.Where(i => tenants.Contains(i.TenantReference)
                || i.TenantReference.Contains(q, StringComparison.OrdinalIgnoreCase)
                || i.NoticeReference.Contains(q, StringComparison.OrdinalIgnoreCase)
                || (folded.Length >= 3 && Fold(i.TenantName).Contains(folded, StringComparison.Ordinal))
                || (hasAmount && Money.TryParseCents(i.AmountDue, out var due) && due == cents))
            .Take(50).ToList();
    }

    private static string Fold(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}
