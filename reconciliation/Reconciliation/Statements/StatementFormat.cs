namespace Reconciliation.Statements;

/// <summary>The formats the parsers understand; the names are those of the CLI's <c>--format</c> option.</summary>
public enum StatementFormat
{
    Camt053,
    Camt054,
    Cfonb120,
    Mt940,
    AdyenSettlement,
    ChequeSlip,
    Eficash,
}

public static class StatementFormatNames
{
    public static string ToName(this StatementFormat format) => format switch
    {
        StatementFormat.Camt053 => "camt053",
        StatementFormat.Camt054 => "camt054",
        StatementFormat.Cfonb120 => "cfonb120",
        StatementFormat.Mt940 => "mt940",
        StatementFormat.AdyenSettlement => "adyen-settlement",
        StatementFormat.ChequeSlip => "cheque-slip",
        StatementFormat.Eficash => "eficash",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static bool TryParse(string name, out StatementFormat format)
    {
        foreach (var f in Enum.GetValues<StatementFormat>())
        {
            if (string.Equals(f.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                format = f;
                return true;
            }
        }
        format = default;
        return false;
    }
}
