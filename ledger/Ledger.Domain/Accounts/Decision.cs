namespace Ledger.Domain.Accounts;

public enum RejectionKind
{
    /// <summary>The input is wrong (maps to 400).</summary>
    Invalid,
    /// <summary>The account, notice or payment does not exist (404).</summary>
    NotFound,
    /// <summary>The same id was used for different content, or the state forbids it (409).</summary>
    Conflict,
}

/// <summary>What a decider answers: new facts, "already done" (idempotent repeat), or a rejection naming the field.</summary>
public abstract record Decision
{
    private Decision() { }

    public sealed record Accepted(IReadOnlyList<object> Events) : Decision;

    /// <summary>The same command was already applied with the same content: nothing to write.</summary>
    public sealed record Unchanged(string Why) : Decision;

    public sealed record Rejected(RejectionKind Kind, string Field, string Message) : Decision;

    public static Decision Invalid(string field, string message) => new Rejected(RejectionKind.Invalid, field, message);
    public static Decision NotFound(string field, string message) => new Rejected(RejectionKind.NotFound, field, message);
    public static Decision Conflict(string field, string message) => new Rejected(RejectionKind.Conflict, field, message);
}
