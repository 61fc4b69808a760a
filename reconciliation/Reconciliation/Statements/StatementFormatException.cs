namespace Reconciliation.Statements;

/// <summary>
/// The file cannot be read as the format it claims: it is rejected whole. <see cref="Location"/> names the line or the
/// element ("line 12", "line 40, element Ntry/Amt") so that the accountant can show the bank what is wrong.
/// </summary>
public sealed class StatementFormatException : Exception
{
    public StatementFormatException(string location, string reason)
        : base($"{location}: {reason}")
    {
        Location = location;
        Reason = reason;
    }

    public StatementFormatException(string location, string reason, Exception inner)
        : base($"{location}: {reason}", inner)
    {
        Location = location;
        Reason = reason;
    }

    public string Location { get; }
    public string Reason { get; }
}
