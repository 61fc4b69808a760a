using System.Globalization;
using System.Text;
using Primitives;

namespace RentGenerator;

/// <summary>How people write references and names on transfers and cheques, each variant named for the truth.</summary>
public static class Noise
{
    /// <summary>Upper case without accents, as most bank systems transmit names.</summary>
    public static string Bankish(string s)
    {
        var d = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var c in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c == '.' ? ' ' : char.ToUpperInvariant(c));
        }
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The tenant's own name as a bank or a cheque shows it.</summary>
    public static string OwnName(GenTenant t, Seeded r)
    {
        if (t.IsCompany || t.FirstName is null) return Bankish(t.Name);
        return r.Next(4) switch
        {
            0 => Bankish(t.FirstName + " " + t.Surname),
            1 => Bankish(t.Surname + " " + t.FirstName),
            2 => "M OU MME " + Bankish(t.Surname + " " + t.FirstName),
            _ => Bankish(t.Name),
        };
    }

    /// <summary>A relative: same surname, another first name (a parent, a child, a spouse with their own account).</summary>
    public static string Relative(GenTenant t, Seeded r)
    {
        string first;
        do first = r.Pick(r.PerMille(500) ? Names.WomenFirst : Names.MenFirst);
        while (first == t.FirstName);
        return Bankish(first + " " + t.Surname);
    }

    public static string Employer(Seeded r) => Bankish(r.Pick(Names.PayingCompanies));

    /// <summary>"123456 / 01", "123 456/01": spaces where the tenant put them.</summary>
    public static string Spaced(TenantReference t, Seeded r) => r.Next(2) == 0
        ? t.Value.Replace("/", " / ", StringComparison.Ordinal)
        : t.Value[..3] + " " + t.Value[3..];

    public static string MissingSlash(TenantReference t) => t.Value.Replace("/", "", StringComparison.Ordinal);

    /// <summary>One digit of the account number typed wrong.</summary>
    public static string Typo(TenantReference t, Seeded r)
    {
        var chars = t.Value.ToCharArray();
        var p = r.Next(6);
        chars[p] = (char)('0' + (chars[p] - '0' + 1 + r.Next(9)) % 10);
        return new string(chars);
    }

    /// <summary>An RF reference with one character of its body changed: the check digits no longer agree.</summary>
    public static string RfTypo(RfReference rf, Seeded r)
    {
        while (true)
        {
            var chars = rf.Value.ToCharArray();
            var p = r.Next(4, chars.Length);
            chars[p] = (char)('0' + (chars[p] - '0' + 1 + r.Next(9)) % 10);
            var s = new string(chars);
            if (!RfReference.IsValid(s)) return Printed(s);
        }
    }

    public static string Printed(string compact) =>
        string.Join(' ', Enumerable.Range(0, (compact.Length + 3) / 4).Select(i => compact.Substring(i * 4, Math.Min(4, compact.Length - i * 4))));

    /// <summary>The key two references share when they differ only by separators and leading zeros.</summary>
    public static string Key(string reference) => reference.Replace("/", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).TrimStart('0');

    public static readonly string[] Months = ["JANVIER", "FEVRIER", "MARS", "AVRIL", "MAI", "JUIN", "JUILLET", "AOUT", "SEPTEMBRE", "OCTOBRE", "NOVEMBRE", "DECEMBRE"];

    public static readonly string[] PostOffices =
    [
        "PARIS LOUVRE", "SAINT-DENIS CENTRE", "LYON BELLECOUR", "VÉNISSIEUX", "MARSEILLE COLBERT", "LILLE RÉPUBLIQUE", "ROUBAIX",
        "NANTES BRETAGNE", "BOBIGNY", "SARCELLES",
    ];
}
