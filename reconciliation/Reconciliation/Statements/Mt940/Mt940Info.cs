namespace Reconciliation.Statements.Mt940;

/// <summary>
/// The structured SWIFT-style <c>:86:</c> convention (<c>/NAME/…/IBAN/…/EREF/…/REMI/…/RTRN/…</c>) used by several
/// European banks. Anything else stays free text in the remittance lines.
/// </summary>
internal sealed record Mt940Info(string? Name, string? Iban, string? EndToEnd, string? CreditorReference, string? ReturnReason, IReadOnlyList<string> FreeText)
{
    private static readonly string[] Codes = ["NAME", "IBAN", "EREF", "CREF", "RTRN", "REMI", "BIC", "ORDP", "BENM", "ID", "ADDR", "MARF", "CSID", "PURP", "TRTP"];

    public static Mt940Info Parse(IReadOnlyList<string> lines)
    {
        var joined = string.Concat(lines);
        if (Mt940Gvc.Applies(joined)) return Mt940Gvc.Parse(joined);
        // The structured block is the lines starting with '/' and the 65-character lines they wrap onto; free text after
        // it (a tenant's own words) must not be glued to the last value.
        var block = new System.Text.StringBuilder();
        var wrapping = false;
        var used = 0;
        foreach (var line in lines)
        {
            if (!line.StartsWith('/') && !wrapping) break;
            block.Append(line);
            wrapping = line.Length >= 65;
            used++;
        }
        var text = block.ToString();
        if (used == 0 || !text.Contains('/', StringComparison.Ordinal)) return new Mt940Info(null, null, null, null, null, lines);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = text.Split('/');
        for (var i = 1; i < parts.Length - 1; i++)
        {
            if (Array.IndexOf(Codes, parts[i]) < 0) continue;
            var code = parts[i];
            var j = i + 1;
            var value = parts[j];
            while (j + 1 < parts.Length && Array.IndexOf(Codes, parts[j + 1]) < 0 && j + 1 < parts.Length - 1)
            {
                j++;
                value += "/" + parts[j];
            }
            values.TryAdd(code, value.Trim());
            i = j;
        }
        string? Get(string k) => values.TryGetValue(k, out var v) && v.Length > 0 ? v : null;
        var creditorRef = Get("CREF") is { } c && c.StartsWith("RF", StringComparison.OrdinalIgnoreCase) ? c : null;
        var free = new List<string>();
        if (Get("REMI") is { } remi) free.Add(remi);
        free.AddRange(lines.Skip(used));
        // Unknown structured codes (a bank's own convention) keep the whole block visible for reference matching.
        if (values.Count == 0) free.Insert(0, text);
        return new Mt940Info(Get("NAME"), Get("IBAN"), Get("EREF") is { } e && e != "NOTPROVIDED" ? e : null, creditorRef, Get("RTRN"), free);
    }
}
