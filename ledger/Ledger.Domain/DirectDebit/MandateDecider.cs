using Ledger.Domain.Accounts;
using Primitives;

namespace Ledger.Domain.DirectDebit;

/// <summary>
/// The rules of a SEPA mandate as a pure function (state, command) → decision. A signature with the same terms again is
/// an idempotent repeat; with other terms under the same RUM, a conflict. Amendments follow the rulebook's AT-24
/// (AmdmntInd + AmdmntInfDtls on the next collection): a new RUM gives OrgnlMndtId, a new account in the same bank
/// OrgnlDbtrAcct, an account in another bank "SMNDA" as OrgnlDbtrAgt.
/// </summary>
public static class MandateDecider
{
    public static Decision Decide(Mandate s, object command) => command switch
    {
        SignMandate c => Sign(s, c),
        AmendMandate c => Amend(s, c),
        RevokeMandate c => Revoke(s, c),
        PresentCollection c => Present(s, c),
        RejectCollection c => Reject(s, c),
        _ => throw new ArgumentException($"unknown command {command.GetType().Name}", nameof(command)),
    };

    private static Decision Sign(Mandate s, SignMandate c)
    {
        if (MandateRules.Check(c.Terms) is { } bad) return bad;
        if (s.Terms is null) return new Decision.Accepted([new MandateSigned(c.Terms, c.Source)]);
        // The signed content is compared, not the amended one: the same form sent again after an amendment is still a repeat.
        return s.Signed == c.Terms || s.Terms == c.Terms
            ? new Decision.Unchanged("this mandate is already recorded with the same content")
            : Decision.Conflict("rum", "a mandate with this RUM is already recorded with other content");
    }

    private static Decision Amend(Mandate s, AmendMandate c)
    {
        if (s.Terms is not { } t) return Decision.NotFound("rum", "no mandate with this RUM");
        if (c.On < t.SignedOn) return Decision.Invalid("on", "an amendment cannot be dated before the signature");
        if (s.StatusOn(c.On) is MandateStatus.Revoked or MandateStatus.Lapsed)
        {
            return Decision.Conflict("rum", "a revoked or lapsed mandate cannot be amended: the debtor signs a new one");
        }
        var next = t with
        {
            Rum = c.Rum ?? t.Rum, DebtorName = c.DebtorName ?? t.DebtorName, Iban = c.Iban ?? t.Iban,
            Bic = c.Iban is not null && c.Bic is null && MandateRules.OtherBank(t.Iban, c.Iban, t.Bic, null) ? null : c.Bic ?? t.Bic,
            Address = c.Address ?? t.Address,
        };
        if (MandateRules.Check(next) is { } bad) return bad;
        if (next == t) return new Decision.Unchanged("the amendment changes nothing");
        var otherBank = next.Iban != t.Iban && MandateRules.OtherBank(t.Iban, next.Iban, t.Bic, next.Bic);
        var change = new PendingAmendment(
            next.Rum != t.Rum ? t.Rum : null,
            next.Iban != t.Iban && !otherBank ? t.Iban : null,
            otherBank);
        return new Decision.Accepted([new MandateAmended(next, c.On, change)]);
    }

    private static Decision Revoke(Mandate s, RevokeMandate c)
    {
        if (s.Terms is null) return Decision.NotFound("rum", "no mandate with this RUM");
        if (string.IsNullOrWhiteSpace(c.Reason) || c.Reason.Length > 200) return Decision.Invalid("reason", "reason is required (200 characters at most)");
        if (s.RevokedOn is { } on) return on == c.On ? new Decision.Unchanged("already revoked") : Decision.Conflict("on", "the mandate was revoked on another date");
        if (c.On < s.Terms.SignedOn) return Decision.Invalid("on", "a revocation cannot be dated before the signature");
        return new Decision.Accepted([new MandateRevoked(c.On, c.Reason.Trim())]);
    }

    private static Decision Present(Mandate s, PresentCollection c)
    {
        if (s.Terms is null) return Decision.NotFound("rum", "no mandate with this RUM");
        if (s.Uses.FirstOrDefault(u => u.EndToEndId == c.EndToEndId) is { } used)
        {
            return used.CollectionDate == c.CollectionDate && used.AmountCents == c.AmountCents
                ? new Decision.Unchanged("this collection was already presented")
                : Decision.Conflict("endToEndId", "this EndToEndId was presented with another date or amount");
        }
        if (s.StatusOn(c.CollectionDate) is not (MandateStatus.Active or MandateStatus.Amended) || s.NextSequenceType is not { } sequence)
        {
            return Decision.Conflict("rum", "the mandate cannot be used on this date (revoked, lapsed, or a one-off mandate already used)");
        }
        if (c.CollectionDate < s.Terms.SignedOn) return Decision.Invalid("collectionDate", "a collection cannot precede the mandate's signature");
        if (c.AmountCents is <= 0 or > MandateRules.MaxAmountCents) return Decision.Invalid("amount", "a debit is more than 0 and at most 999,999,999.99");
        return new Decision.Accepted([new MandateCollectionPresented(c.EndToEndId, c.NoticeReference, c.CollectionDate, sequence, c.AmountCents, s.Pending)]);
    }

    private static Decision Reject(Mandate s, RejectCollection c)
    {
        if (s.Uses.FirstOrDefault(u => u.EndToEndId == c.EndToEndId) is not { } used) return Decision.NotFound("endToEndId", "no collection with this EndToEndId");
        if (used.RejectedWith is { } code)
        {
            return code == c.ReasonCode ? new Decision.Unchanged("already rejected") : Decision.Conflict("reasonCode", "this debit was already rejected with another reason code");
        }
        return new Decision.Accepted([new MandateCollectionRejected(c.EndToEndId, c.ReasonCode, c.On)]);
    }
}
