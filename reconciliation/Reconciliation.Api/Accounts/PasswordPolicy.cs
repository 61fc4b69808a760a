using System.Reflection;

namespace Reconciliation.Api.Accounts;

/// <summary>
/// ASVS level 2 password rules (V2.1): at least 12 characters, any characters allowed, no composition rules, and not one
/// of the 10,000 most common breached passwords (Data/README.md says where the list comes from).
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;

    /// <summary>Read once from the assembly; compared ignoring case, so "PASSWORD1234" is as refused as "password1234".</summary>
    private static readonly Lazy<HashSet<string>> Breached = new(Load);

    public static int BreachedCount => Breached.Value.Count;

    /// <summary>Null when the password is acceptable, else the reason in French (shown to the accountant).</summary>
    public static string? Refusal(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
            return $"le mot de passe doit compter au moins {MinimumLength} caractères";
        if (Breached.Value.Contains(password))
            return "ce mot de passe figure parmi les 10 000 mots de passe les plus courants des fuites publiques : choisissez-en un autre";
        return null;
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("common-passwords-10k.txt")
            ?? throw new InvalidOperationException("the breached-password list is missing from the assembly");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) set.Add(line);
        }
        return set;
    }
}
