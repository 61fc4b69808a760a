using Primitives;

namespace Ledger.Domain.Accounts;

/// <summary>
/// The rules of a tenant account as pure functions (state, command) → decision. No I/O, no clock: dates come in the
/// commands. Allocation policy: a payment first pays the notice it names, then open notices oldest due first; what
/// remains is the tenant's credit, which pays the next notice when it is issued.
/// </summary>
public static partial class TenantAccountDecider
{
    public const int MaxTextLength = 200;

    /// <summary>The command's money events, then the lettrage events they lead to (derived, never commanded).</summary>
    public static Decision Decide(TenantAccount state, object command)
    {
        var decision = DecideMoney(state, command);
        if (decision is not Decision.Accepted accepted) return decision;
        var after = accepted.Events.Aggregate(state, TenantAccount.Evolve);
        var lettrage = Lettrage.Derive(after, DateOf(command), ReasonOf(command));
        return lettrage.Count == 0 ? decision : new Decision.Accepted([.. accepted.Events, .. lettrage]);
    }

    private static NodaTime.LocalDate? DateOf(object command) => command switch
    {
        IssueNotice c => c.IssuedOn, CancelNotice c => c.On, CreditNotice c => c.On, RecordPayment c => c.ReceivedOn,
        ReversePayment c => c.On, CancelReversal c => c.On, RefundCredit c => c.On, WriteOffNotice c => c.On, AdjustBalance c => c.On,
        _ => null,
    };

    private static string ReasonOf(object command) => command switch
    {
        ReversePayment c => $"{c.Kind} {c.ReversalId}",
        ReallocatePayment c => $"re-allocated from {c.From.Value} to {c.To.Value}",
        CancelNotice c => $"notice {c.NoticeReference.Value} cancelled",
        CreditNotice c => $"credit note {c.CreditNoteReference}",
        _ => command.GetType().Name,
    };

    private static Decision DecideMoney(TenantAccount state, object command) => command switch
    {
        OpenAccount c => Open(state, c),
        CloseAccount c => Close(state, c),
        IssueNotice c => Issue(state, c),
        CancelNotice c => Cancel(state, c),
        CreditNotice c => Credit(state, c),
        RecordPayment c => Record(state, c),
        AllocatePayment c => Allocate(state, c),
        ReallocatePayment c => Reallocate(state, c),
        DeallocatePayment c => Deallocate(state, c),
        ReversePayment c => Reverse(state, c),
        CancelReversal c => CancelReversalOf(state, c),
        RefundCredit c => Refund(state, c),
        WriteOffNotice c => WriteOff(state, c),
        AdjustBalance c => Adjust(state, c),
        _ => throw new ArgumentException($"unknown command {command.GetType().Name}", nameof(command)),
    };

    private static Decision Open(TenantAccount s, OpenAccount c)
    {
        if (Text(c.TenantName, "tenantName", required: true) is { } bad) return bad;
        if (Text(c.DwellingReference, "dwellingReference", required: false) is { } bad2) return bad2;
        if (s.Exists && c.OnlyIfAbsent) return new Decision.Unchanged("account already open");
        if (s.Exists)
        {
            return s.TenantName == c.TenantName && s.DwellingReference == c.DwellingReference
                ? new Decision.Unchanged("account already open")
                : Decision.Conflict("tenantReference", "an account with this tenant reference is already open with other details");
        }
        return new Decision.Accepted([new AccountOpened(c.LandlordId, c.TenantReference, c.TenantName, c.DwellingReference, c.OpenedOn)]);
    }

    private static Decision Close(TenantAccount s, CloseAccount c)
    {
        if (Missing(s) is { } missing) return missing;
        if (s.Closed) return new Decision.Unchanged("account already closed");
        return new Decision.Accepted([new AccountClosed(c.ClosedOn, c.Reason)]);
    }

    private static Decision Issue(TenantAccount s, IssueNotice c)
    {
        if (Missing(s) is { } missing) return missing;
        if (c.Lines.Count == 0) return Decision.Invalid("lines", "a notice needs at least one line");
        for (var i = 0; i < c.Lines.Count; i++)
        {
            var line = c.Lines[i];
            if (line.Amount.Currency != s.Currency) return Decision.Invalid($"lines[{i}].currency", $"currency must be {s.Currency}");
            if (line.Amount.IsZero) return Decision.Invalid($"lines[{i}].amount", "a notice line cannot be zero");
            if (line.Kind == NoticeLineKind.Rls && line.Amount.IsPositive)
                return Decision.Invalid($"lines[{i}].amount", "an RLS line is a reduction: its amount must be negative");
            if (line.Kind is NoticeLineKind.Rent or NoticeLineKind.Charges or NoticeLineKind.Sls && line.Amount.IsNegative)
                return Decision.Invalid($"lines[{i}].amount", $"a {line.Kind} line cannot be negative");
            if (Text(line.Label, $"lines[{i}].label", required: false) is { } bad) return bad;
        }
        var total = c.Lines.Aggregate(Money.Zero(s.Currency), (t, l) => t + l.Amount);
        if (!total.IsPositive) return Decision.Invalid("lines", "the notice total must be positive");
        var rf = c.RfReference ?? RfFor(c.NoticeReference);
        var fingerprint = Fingerprint.Of("notice", c.NoticeReference, c.Period, c.IssuedOn, c.DueDate, Fingerprint.Lines(c.Lines), rf);
        if (s.Notice(c.NoticeReference) is { } existing)
        {
            return existing.Fingerprint == fingerprint
                ? new Decision.Unchanged("notice already issued")
                : Decision.Conflict("noticeReference", "this notice was already issued with other content; correct it with a credit note");
        }
        if (s.Closed) return Decision.Conflict("tenantReference", "the account is closed: no new notice can be issued");
        var e = new Emitter(s);
        e.Emit(new NoticeIssued(c.NoticeReference, c.Period, c.IssuedOn, c.DueDate, [.. c.Lines], total, rf, fingerprint));
        Settle(e);
        return e.Decision;
    }

    /// <summary>The RF reference printed on a notice: ISO 11649 over the letters and digits of the notice reference.</summary>
    public static RfReference RfFor(NoticeReference notice)
    {
        var body = new string(notice.Value.Where(char.IsAsciiLetterOrDigit).ToArray());
        return RfReference.Generate(body.Length > 21 ? body[^21..] : body);
    }

    private static Decision Cancel(TenantAccount s, CancelNotice c)
    {
        if (Missing(s) is { } missing) return missing;
        if (s.Notice(c.NoticeReference) is not { } notice) return Decision.NotFound("noticeReference", "no such notice on this account");
        if (notice.Cancelled) return new Decision.Unchanged("notice already cancelled");
        if (Text(c.Reason, "reason", required: true) is { } bad) return bad;
        var e = new Emitter(s);
        foreach (var payment in s.Payments.Values)
        {
            if (payment.Allocations.GetValueOrDefault(notice.Reference.Value) is { } allocation)
                e.Emit(new PaymentDeallocated(payment.Id, notice.Reference, allocation.Amount, "notice cancelled"));
        }
        e.Emit(new NoticeCancelled(notice.Reference, notice.NetDue, c.On, c.Reason));
        Settle(e);
        return e.Decision;
    }

    private static Decision Credit(TenantAccount s, CreditNotice c)
    {
        if (Missing(s) is { } missing) return missing;
        if (s.Notice(c.NoticeReference) is not { } notice) return Decision.NotFound("noticeReference", "no such notice on this account");
        if (Text(c.CreditNoteReference, "creditNoteReference", required: true) is { } badRef) return badRef;
        if (Text(c.Reason, "reason", required: true) is { } badReason) return badReason;
        if (c.Lines.Count == 0) return Decision.Invalid("lines", "a credit note needs at least one line");
        for (var i = 0; i < c.Lines.Count; i++)
        {
            if (c.Lines[i].Amount.Currency != s.Currency) return Decision.Invalid($"lines[{i}].currency", $"currency must be {s.Currency}");
            if (!c.Lines[i].Amount.IsPositive) return Decision.Invalid($"lines[{i}].amount", "credit note lines are positive amounts taken off the notice");
            // A credit note takes money off what the notice charged: only kinds it charged, at most what it charged for them.
            var charged = notice.Lines.Where(l => l.Kind == c.Lines[i].Kind && l.Amount.IsPositive)
                .Aggregate(Money.Zero(s.Currency), (t, l) => t + l.Amount);
            var credited = c.Lines.Where(l => l.Kind == c.Lines[i].Kind).Aggregate(Money.Zero(s.Currency), (t, l) => t + l.Amount);
            if (credited > charged)
                return Decision.Invalid($"lines[{i}].kind", $"the notice charged {charged} of {c.Lines[i].Kind}; a credit note cannot take off more");
        }
        var total = c.Lines.Aggregate(Money.Zero(s.Currency), (t, l) => t + l.Amount);
        var candidate = new NoticeCredited(notice.Reference, c.CreditNoteReference, [.. c.Lines], total, c.On, c.Reason);
        if (Repeat(s, c.CreditNoteReference, Fingerprint.Of(candidate), "creditNoteReference") is { } repeat) return repeat;
        if (notice.Cancelled) return Decision.Conflict("noticeReference", "the notice is cancelled");
        if (total > notice.NetDue) return Decision.Conflict("lines", "the credit note exceeds what remains of the notice");
        var e = new Emitter(s);
        e.Emit(candidate);
        ReleaseExcess(e, notice.Reference, "credit note " + c.CreditNoteReference);
        Settle(e);
        return e.Decision;
    }

    private static Decision WriteOff(TenantAccount s, WriteOffNotice c)
    {
        if (Missing(s) is { } missing) return missing;
        if (s.Notice(c.NoticeReference) is not { } notice) return Decision.NotFound("noticeReference", "no such notice on this account");
        if (Approval(c.WriteOffId, c.ApprovedBy, c.Reason) is { } bad) return bad;
        if (Amount(s, c.Amount, "amount") is { } badAmount) return badAmount;
        var candidate = new NoticeWrittenOff(c.WriteOffId, notice.Reference, c.Amount, c.On, c.ApprovedBy, c.Reason);
        if (Repeat(s, c.WriteOffId, Fingerprint.Of(candidate), "writeOffId") is { } repeat) return repeat;
        if (notice.Cancelled || c.Amount > notice.Outstanding)
            return Decision.Conflict("amount", "only the unpaid part of an open notice can be written off");
        return new Decision.Accepted([candidate]);
    }

    private static Decision Adjust(TenantAccount s, AdjustBalance c)
    {
        if (Missing(s) is { } missing) return missing;
        if (Approval(c.AdjustmentId, c.ApprovedBy, c.Reason) is { } bad) return bad;
        if (c.Amount.Currency != s.Currency) return Decision.Invalid("currency", $"currency must be {s.Currency}");
        if (c.Amount.IsZero) return Decision.Invalid("amount", "an adjustment cannot be zero");
        var candidate = new BalanceAdjusted(c.AdjustmentId, c.Amount, c.On, c.ApprovedBy, c.Reason);
        if (Repeat(s, c.AdjustmentId, Fingerprint.Of(candidate), "adjustmentId") is { } repeat) return repeat;
        return new Decision.Accepted([candidate]);
    }

    // An unknown tenant in a command is bad input (400), not a missing resource: retrying the same command cannot succeed,
    // so a caller's outbox must dead-letter it for a person rather than retry it.
    private static Decision? Missing(TenantAccount s) =>
        s.Exists ? null : Decision.Invalid("tenantReference", "no account for this tenant reference");

    private static Decision? Amount(TenantAccount s, Money amount, string field) =>
        amount.Currency != s.Currency ? Decision.Invalid("currency", $"currency must be {s.Currency}")
        : !amount.IsPositive ? Decision.Invalid(field, "amount must be positive")
        : null;

    private static Decision? Text(string? value, string field, bool required) =>
        required && string.IsNullOrWhiteSpace(value) ? Decision.Invalid(field, $"{field} is required")
        : value is { Length: > MaxTextLength } ? Decision.Invalid(field, $"{field} is longer than {MaxTextLength} characters")
        : null;

    private static Decision? Approval(string id, string approvedBy, string reason) =>
        Text(id, "id", required: true) ?? Text(approvedBy, "approvedBy", required: true) ?? Text(reason, "reason", required: true);

    private static Decision? Repeat(TenantAccount s, string id, string fingerprint, string field) =>
        s.Operations.TryGetValue(id, out var existing)
            ? existing == fingerprint
                ? new Decision.Unchanged("operation already applied")
                : Decision.Conflict(field, "this id was already used for a different operation")
            : null;
}
