using System.Collections.Immutable;
using NodaTime;

namespace Ledger.Domain.Accounts;

// Lettrage (matching on the tenant's 411 account). A group letters the lines that settle each other: a notice with its
// credit notes, write-offs and cancellation; a payment with its reversals; a refund of credit. Allocations (and refund
// portions) link them; a group is one connected set of linked items. It is derived after every decision from the
// account's state, never set by hand, and recorded as events so the history stays: a group is complete (DateLet set)
// when its lines sum to zero, partial otherwise. When an allocation is undone the group is unlettered by an event and
// whatever stays linked gets a new code; a code is never given to another group.

/// <summary>A group lettered with a code: its items ("N:" notice, "P:" payment, "R:" refund), complete when DateLet is set.</summary>
public sealed record LettrageApplied(string Code, IReadOnlyList<string> Items, long OpenCents, LocalDate? DateLet);

/// <summary>A group unlettered: its items lose the code, which is retired for good.</summary>
public sealed record LettrageUndone(string Code, string Reason);

public sealed record LetterGroup(string Code, ImmutableSortedSet<string> Items, LocalDate? DateLet)
{
    public bool Complete => DateLet is not null;

    /// <summary>The code as the FEC and the relevé show it: upper case when complete, lower case while partial (Sage's habit).</summary>
    public string Display => Complete ? Code : Code.ToLowerInvariant();
}

public sealed record LettrageState(
    ImmutableSortedDictionary<string, LetterGroup> Groups, ImmutableDictionary<string, string> CodeOf, int NextCode,
    ImmutableDictionary<string, CreditRefunded> Refunds)
{
    public static readonly LettrageState Empty = new(
        ImmutableSortedDictionary.Create<string, LetterGroup>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal), 0,
        ImmutableDictionary.Create<string, CreditRefunded>(StringComparer.Ordinal));

    public LetterGroup? GroupOf(string item) => CodeOf.TryGetValue(item, out var code) ? Groups[code] : null;

    public LettrageState Apply(LettrageApplied e)
    {
        var codeOf = CodeOf;
        if (Groups.GetValueOrDefault(e.Code) is { } old) codeOf = codeOf.RemoveRange(old.Items);
        foreach (var item in e.Items) codeOf = codeOf.SetItem(item, e.Code);
        return this with
        {
            Groups = Groups.SetItem(e.Code, new LetterGroup(e.Code, ImmutableSortedSet.Create(StringComparer.Ordinal, [.. e.Items]), e.DateLet)),
            CodeOf = codeOf,
            NextCode = Math.Max(NextCode, Lettrage.IndexOf(e.Code) + 1),
        };
    }

    public LettrageState Undo(LettrageUndone e) => Groups.GetValueOrDefault(e.Code) is not { } group ? this : this with
    {
        Groups = Groups.Remove(e.Code),
        CodeOf = CodeOf.RemoveRange(group.Items.Where(i => CodeOf.GetValueOrDefault(i) == e.Code)),
    };
}

public static class Lettrage
{
    public static string NoticeItem(string notice) => "N:" + notice;
    public static string PaymentItem(string payment) => "P:" + payment;
    public static string RefundItem(string refund) => "R:" + refund;

    /// <summary>The lettrage item a money event's 411 line belongs to (null: never lettered, e.g. a manual adjustment).</summary>
    public static string? ItemOf(object @event) => @event switch
    {
        NoticeIssued e => NoticeItem(e.NoticeReference.Value),
        NoticeCredited e => NoticeItem(e.NoticeReference.Value),
        NoticeCancelled e => NoticeItem(e.NoticeReference.Value),
        NoticeWrittenOff e => NoticeItem(e.NoticeReference.Value),
        PaymentReceived e => PaymentItem(e.PaymentId.Value),
        PaymentReversed e => PaymentItem(e.PaymentId.Value),
        ReversalCancelled e => PaymentItem(e.PaymentId.Value),
        CreditRefunded e => RefundItem(e.RefundId),
        _ => null,
    };

    /// <summary>Bijective base 26: 0 → A, 25 → Z, 26 → AA, 701 → ZZ, 702 → AAA.</summary>
    public static string CodeOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var chars = new Stack<char>();
        for (var n = index + 1; n > 0; n = (n - 1) / 26) chars.Push((char)('A' + ((n - 1) % 26)));
        return new string([.. chars]);
    }

    public static int IndexOf(string code) => code.Aggregate(0, (n, c) => checked((n * 26) + (c - 'A' + 1))) - 1;

    /// <summary>
    /// The lettrage events that bring the recorded groups in line with the account's allocations. <paramref name="on"/>
    /// is the command's date (the day a group reaches zero); without one, the latest date of the group's items.
    /// </summary>
    public static IReadOnlyList<object> Derive(TenantAccount s, LocalDate? on, string reason)
    {
        var components = Components(s);
        var componentOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < components.Count; i++)
            foreach (var item in components[i]) componentOf[item] = i;

        var events = new List<object>();
        var kept = new Dictionary<int, List<LetterGroup>>();
        foreach (var group in s.Lettrage.Groups.Values)
        {
            var index = componentOf.GetValueOrDefault(group.Items.Min!, -1);
            var component = index < 0 ? null : components[index];
            var stillLinked = component is not null && IsGroup(s, component) && group.Items.All(component.Contains);
            // A complete group is closed: any change to its items or its sum reopens it under a new code.
            var closedChanged = group.Complete && (component is null || component.Count != group.Items.Count || Open(s, component) != 0);
            if (!stillLinked || closedChanged)
            {
                events.Add(new LettrageUndone(group.Code, reason));
                continue;
            }
            if (!kept.TryGetValue(index, out var list)) kept[index] = list = [];
            list.Add(group);
        }

        var next = s.Lettrage.NextCode;
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            if (!IsGroup(s, component)) continue;
            var open = Open(s, component);
            LocalDate? dateLet = open == 0 ? on ?? LatestDate(s, component) : null;
            var survivors = kept.GetValueOrDefault(i)?.OrderBy(g => IndexOf(g.Code)).ToList() ?? [];
            // Partial groups that grew into one keep the oldest code; the others are retired (merged).
            foreach (var merged in survivors.Skip(1)) events.Add(new LettrageUndone(merged.Code, "merged into " + survivors[0].Code));
            if (survivors.FirstOrDefault() is { } same)
            {
                if (same.Items.Count == component.Count && same.Complete == dateLet.HasValue) continue;
                events.Add(new LettrageApplied(same.Code, [.. component], open, dateLet));
            }
            else
            {
                events.Add(new LettrageApplied(CodeOf(next++), [.. component], open, dateLet));
            }
        }
        return events;
    }

    /// <summary>The signed 411 total of a group's items (debit positive): zero when the group is fully lettered.</summary>
    public static long Open(TenantAccount s, IEnumerable<string> items) => items.Sum(item => item[0] switch
    {
        'N' => s.Notices[item[2..]].NetDue.Cents,
        'P' => -(s.Payments[item[2..]].Net.Cents),
        _ => s.Lettrage.Refunds[item[2..]].Amount.Cents,
    });

    // A lone item is a group only when it settles itself: a notice credited, written off or cancelled to zero, a payment
    // reversed in full. Otherwise a lone item is simply unlettered.
    private static bool IsGroup(TenantAccount s, IReadOnlyCollection<string> component) =>
        component.Count > 1 || Open(s, component) == 0 && component.First() switch
        {
            var n when n[0] == 'N' => !s.Notices[n[2..]].Reduced.IsZero,
            var p when p[0] == 'P' => !s.Payments[p[2..]].Reversals.IsEmpty,
            _ => false,
        };

    private static LocalDate LatestDate(TenantAccount s, IEnumerable<string> items) => items.Select(item => item[0] switch
    {
        'N' => s.Notices[item[2..]].IssuedOn,
        'P' => s.Payments[item[2..]].Reversals.Values.Select(r => r.On).Append(s.Payments[item[2..]].ReceivedOn).Max(),
        _ => s.Lettrage.Refunds[item[2..]].On,
    }).Max();

    /// <summary>Connected sets of items linked by allocations and refund portions, each sorted, in a stable order.</summary>
    private static List<SortedSet<string>> Components(TenantAccount s)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        void Union(string a, string b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb) parent[StringComparer.Ordinal.Compare(ra, rb) < 0 ? rb : ra] = StringComparer.Ordinal.Compare(ra, rb) < 0 ? ra : rb;
        }
        foreach (var n in s.Notices.Keys) parent[NoticeItem(n)] = NoticeItem(n);
        foreach (var p in s.Payments.Keys) parent[PaymentItem(p)] = PaymentItem(p);
        foreach (var r in s.Lettrage.Refunds.Keys) parent[RefundItem(r)] = RefundItem(r);
        foreach (var p in s.Payments.Values)
            foreach (var a in p.Allocations.Keys) Union(PaymentItem(p.Id.Value), NoticeItem(a));
        foreach (var r in s.Lettrage.Refunds.Values)
            foreach (var portion in r.Portions) Union(RefundItem(r.RefundId), PaymentItem(portion.PaymentId.Value));
        return parent.Keys.GroupBy(Find, StringComparer.Ordinal)
            .Select(g => new SortedSet<string>(g, StringComparer.Ordinal))
            .OrderBy(c => c.Min, StringComparer.Ordinal).ToList();
    }
}
