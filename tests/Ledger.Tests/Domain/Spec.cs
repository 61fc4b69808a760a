using System.Collections;
using System.Globalization;
using Ledger.Domain.Accounts;
using Primitives;
using NodaTime;

namespace Ledger.Tests.Domain;

/// <summary>
/// Given/When/Then for the tenant-account decider. Given takes facts (events) or commands; a command stands for the
/// events it is accepted with, so that fixtures carry the real fingerprints without copying them by hand.
/// </summary>
internal sealed class Spec
{
    private Spec(TenantAccount state) => State = state;

    public TenantAccount State { get; }

    public static Spec Given(params object[] history)
    {
        var state = TenantAccount.Initial;
        foreach (var item in history)
        {
            if (item.GetType().Namespace == typeof(AccountOpened).Namespace && IsCommand(item))
            {
                var decision = TenantAccountDecider.Decide(state, item);
                var accepted = decision.ShouldBeOfType<Decision.Accepted>($"fixture command {item.GetType().Name} was not accepted: {decision}");
                state = accepted.Events.Aggregate(state, TenantAccount.Evolve);
            }
            else
            {
                state = TenantAccount.Evolve(state, item);
            }
        }
        return new Spec(state);
    }

    public Outcome When(object command) => new(State, TenantAccountDecider.Decide(State, command));

    private static bool IsCommand(object item) => item is OpenAccount or CloseAccount or IssueNotice or CancelNotice or CreditNotice
        or RecordPayment or AllocatePayment or ReallocatePayment or ReversePayment or CancelReversal or RefundCredit
        or WriteOffNotice or AdjustBalance;

    internal sealed class Outcome(TenantAccount before, Decision decision)
    {
        public Decision Decision { get; } = decision;

        /// <summary>
        /// The money events, compared structurally (lists and dictionaries by content); fingerprints are not compared. The
        /// lettrage events derived after them are checked by <see cref="ThenLettrage"/> (LettrageDeciderTests).
        /// </summary>
        public TenantAccount Then(params object[] expected)
        {
            var accepted = Decision.ShouldBeOfType<Decision.Accepted>();
            accepted.Events.Where(e => e is not (LettrageApplied or LettrageUndone)).Select(Canon.Of).ToArray()
                .ShouldBe(expected.Select(Canon.Of).ToArray());
            return accepted.Events.Aggregate(before, TenantAccount.Evolve);
        }

        /// <summary>The lettrage events only, in order.</summary>
        public TenantAccount ThenLettrage(params object[] expected)
        {
            var accepted = Decision.ShouldBeOfType<Decision.Accepted>();
            accepted.Events.Where(e => e is LettrageApplied or LettrageUndone).Select(Canon.Of).ToArray()
                .ShouldBe(expected.Select(Canon.Of).ToArray());
            return accepted.Events.Aggregate(before, TenantAccount.Evolve);
        }

        public void ThenUnchanged() => Decision.ShouldBeOfType<Decision.Unchanged>();

        public void ThenRejected(RejectionKind kind, string field)
        {
            var rejected = Decision.ShouldBeOfType<Decision.Rejected>();
            rejected.Kind.ShouldBe(kind);
            rejected.Field.ShouldBe(field);
        }
    }
}

/// <summary>A structural rendering of an event for comparison: records with collections compare by reference otherwise.</summary>
internal static class Canon
{
    public static string Of(object? value) => value switch
    {
        null => "null",
        string s => s,
        IFormattable f when value.GetType().IsPrimitive || value is LocalDate or YearMonth =>
            f.ToString(null, CultureInfo.InvariantCulture),
        Money m => m.ToString(),
        IDictionary d => "{" + string.Join(",", d.Keys.Cast<object>().Select(k => Of(k) + "=" + Of(d[k])).Order(StringComparer.Ordinal)) + "}",
        IEnumerable e => "[" + string.Join(",", e.Cast<object>().Select(Of)) + "]",
        _ when value.GetType().Namespace?.StartsWith("Ledger.Domain", StringComparison.Ordinal) == true && value is not Enum
               && value.GetType().GetProperties().Length > 1 =>
            value.GetType().Name + "(" + string.Join(", ", value.GetType().GetProperties()
                .Where(p => p.Name != "Fingerprint" && p.GetIndexParameters().Length == 0)
                .Select(p => p.Name + "=" + Of(p.GetValue(value)))) + ")",
        _ => value.ToString() ?? "",
    };
}

/// <summary>Fixtures: one tenant of Paris Habitat, notices due on the 5th, amounts in cents.</summary>
internal static class A
{
    public static readonly TenantReference Tenant = new("100001/01");
    public static readonly LocalDate Day = new(2026, 11, 10);

    public static OpenAccount Open => new("paris-habitat", Tenant, "Jeanne Martin", "B-12-034", new LocalDate(2026, 1, 1));

    public static AccountOpened Opened => new("paris-habitat", Tenant, "Jeanne Martin", "B-12-034", new LocalDate(2026, 1, 1));

    public static Money Eur(long cents) => Money.Eur(cents);

    public static NoticeReference N(string reference) => new(reference);

    public static PaymentId P(string id) => new(id);

    public static NoticeLine Rent(long cents) => new(NoticeLineKind.Rent, "Loyer", Eur(cents));
    public static NoticeLine Charges(long cents) => new(NoticeLineKind.Charges, "Charges", Eur(cents));
    public static NoticeLine Sls(long cents) => new(NoticeLineKind.Sls, "SLS", Eur(cents));
    public static NoticeLine Rls(long cents) => new(NoticeLineKind.Rls, "RLS", Eur(cents));

    /// <summary>Notice "2026-MM" for month MM, issued on the 1st, due on the 5th.</summary>
    public static IssueNotice Issue(int month, params NoticeLine[] lines) =>
        new(N($"2026-{month:00}"), new YearMonth(2026, month), new LocalDate(2026, month, 1), new LocalDate(2026, month, 5),
            lines.Length == 0 ? [Rent(50000)] : lines, RfReference.Generate($"2026{month:00}"));

    public static NoticeIssued Issued(int month, params NoticeLine[] lines)
    {
        var c = Issue(month, lines);
        return new NoticeIssued(c.NoticeReference, c.Period, c.IssuedOn, c.DueDate, c.Lines,
            c.Lines.Aggregate(Eur(0), (t, l) => t + l.Amount), c.RfReference!, "");
    }

    public static RecordPayment Pay(string id, long cents, NoticeReference? hint = null, PaymentChannel channel = PaymentChannel.Transfer,
        LocalDate? on = null) =>
        new(P(id), channel, Eur(cents), on ?? Day, new Dictionary<string, string> { ["bankReference"] = id }, hint);

    public static PaymentReceived Received(string id, long cents, NoticeReference? hint = null, PaymentChannel channel = PaymentChannel.Transfer) =>
        new(P(id), channel, Eur(cents), Day, new Dictionary<string, string> { ["bankReference"] = id }, hint, "");

    public static PaymentAllocated Allocated(string id, int month, long cents) => new(P(id), N($"2026-{month:00}"), Eur(cents));

    public static PaymentDeallocated Deallocated(string id, int month, long cents, string reason) =>
        new(P(id), N($"2026-{month:00}"), Eur(cents), reason);
}
