using Ledger.Domain.Accounts;
using Primitives;

namespace Ledger.Domain.DirectDebit;

/// <summary>The content rules of a mandate (EPC SDD Core rulebook AT-01 … AT-27, implementation guidelines).</summary>
public static class MandateRules
{
    /// <summary>999,999,999.99: the largest InstdAmt the EPC guidelines allow.</summary>
    public const long MaxAmountCents = 99_999_999_999;

    public static Decision? Check(MandateTerms t)
    {
        if (!SepaText.IsIdentifier(t.Rum)) return Decision.Invalid("rum", "rum is 1 to 35 SEPA characters (a-z A-Z 0-9 / - ? : ( ) . , ' + space), not starting or ending with '/' nor containing '//'");
        if (string.IsNullOrWhiteSpace(t.TenantReference)) return Decision.Invalid("tenantReference", "tenantReference is required");
        if (Text(t.DebtorName, 70) is false) return Decision.Invalid("debtorName", "debtorName is required, 70 characters at most (accents are converted for the bank)");
        if (!Iban.TryCreate(t.Iban, out var iban) || iban!.Value != t.Iban) return Decision.Invalid("iban", "iban is not a valid IBAN (check digits)");
        if (t.Bic is not null && !IsBic(t.Bic)) return Decision.Invalid("bic", "bic must be 8 or 11 characters: bank (4 letters), country (2 letters), location (2), optional branch (3)");
        var a = t.Address;
        if (a is null) return Decision.Invalid("address", "address is required (structured: street, buildingNumber, postCode, townName, country)");
        if (Text(a.Street, 70) is false) return Decision.Invalid("address.street", "street is required, 70 characters at most");
        if (a.BuildingNumber.Length > 16 || !SepaText.IsSepaText(a.BuildingNumber)) return Decision.Invalid("address.buildingNumber", "buildingNumber is 16 SEPA characters at most");
        if (Text(a.PostCode, 16) is false) return Decision.Invalid("address.postCode", "postCode is required, 16 SEPA characters at most");
        if (Text(a.TownName, 35) is false) return Decision.Invalid("address.townName", "townName is required, 35 characters at most");
        if (a.Country is not { Length: 2 } || !a.Country.All(char.IsAsciiLetterUpper)) return Decision.Invalid("address.country", "country is an ISO 3166 alpha-2 code, e.g. FR");
        return null;
    }

    // Names and address lines are kept as given and transliterated into the SEPA set when a file is written (Pain008Writer):
    // refusing "Hélène" or "Créteil" would refuse most French mandates.
    private static bool Text(string? value, int max) => SepaText.IsConvertible(value, max);

    public static bool IsBic(string bic) =>
        bic.Length is 8 or 11 && bic[..6].All(char.IsAsciiLetterUpper) && bic[6..].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>
    /// Whether a new IBAN is in another bank (SMNDA): another country, another BIC when both are known, else another bank
    /// code in the BBAN (France and its overseas IBANs: the five-digit code banque; elsewhere the first four characters).
    /// </summary>
    public static bool OtherBank(string oldIban, string newIban, string? oldBic, string? newBic)
    {
        if (oldIban[..2] != newIban[..2]) return true;
        if (oldBic is not null && newBic is not null) return oldBic[..6] != newBic[..6] || oldBic[6..8] != newBic[6..8];
        var length = oldIban.Length == 27 && newIban.Length == 27 ? 5 : 4;
        return oldIban.Substring(4, length) != newIban.Substring(4, length);
    }
}
