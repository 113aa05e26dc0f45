using Recouvrement.Data;
using Recouvrement.Skills.Fees;

namespace Recouvrement.Skills.Escalation;

/// <summary>Which court route a claim takes (decided by amount and by who the debtor is).</summary>
public enum CourtRoute
{
    /// <summary>Up to 5 000 €: the procédure simplifiée de recouvrement des petites créances, by a commissaire de justice (CPCE L125-1).</summary>
    SmallClaims,

    /// <summary>Between businesses: injonction de payer at the tribunal de commerce of the debtor's seat (Cerfa 12946*02).</summary>
    CommercialCourt,

    /// <summary>Against an individual: injonction de payer at the tribunal judiciaire of the debtor's home (Cerfa 12948*06).</summary>
    JudicialCourt,
}

/// <summary>Why no file can be made today.</summary>
public enum EscalationBlocker
{
    NothingOwed,
    NotYetDue,
    Disputed,
    Proceedings,
    PlanHonoured,
}

/// <summary>Whether the formal notice, the piece a judge expects first, is in place.</summary>
public enum NoticeState
{
    None,
    DeadlineRunning,
    Expired,
}

public sealed record SentReminder(string Step, DateOnly On);

/// <summary>
/// The escalation of one client's unpaid invoices, decided from the facts alone (no wording): the invoices that can be
/// claimed (overdue, undisputed, in euros), the route, the décompte, and where the formal notice stands.
/// </summary>
public sealed record EscalationCase(
    CourtRoute Route,
    CourtRoute CourtOrder,
    IReadOnlyList<Invoice> Claimed,
    FeeResult Fees,
    NoticeState Notice,
    DateOnly? NoticeDeadline,
    IReadOnlyList<SentReminder> Reminders,
    int LeftOut)
{
    /// <summary>The small-claims procedure applies up to this principal, interest and fees included (R125-1).</summary>
    public const long SmallClaimsCeilingCents = 5_000_00;

    public long PrincipalCents => Claimed.Sum(i => i.BalanceCents);
    public long TotalCents => PrincipalCents + Fees.InterestCents + Fees.IndemnityCents;

    /// <summary>The case, or why there is none: nothing owed, not yet due, disputed, under proceedings, or a plan being kept.</summary>
    public static (EscalationCase? Case, EscalationBlocker? Blocker) Decide(Client client, IReadOnlyList<Invoice> invoices, Func<IReadOnlyList<Invoice>, FeeResult> fees,
        Plan? plan, IReadOnlyList<SentReminder> reminders, DateOnly today, Func<DateOnly, DateOnly> noticeDeadline)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(fees);
        if (client.ProceedingsKind is not null)
            return (null, EscalationBlocker.Proceedings);
        var owed = invoices.Where(i => i.Status is InvoiceStatuses.Open or InvoiceStatuses.Disputed && i.BalanceCents > 0).ToList();
        if (owed.Count == 0)
            return (null, EscalationBlocker.NothingOwed);

        // Only a certain, due and undisputed claim goes before a judge; French courts count in euros.
        var claimable = owed.Where(i => i.Status == InvoiceStatuses.Open && i.DueDate < today && i.Currency == "EUR").OrderBy(i => i.DueDate).ToList();
        if (claimable.Count == 0)
            return (null, owed.Any(i => i.Status == InvoiceStatuses.Disputed) ? EscalationBlocker.Disputed : EscalationBlocker.NotYetDue);
        if (plan is { Status: PlanStatuses.Active })
            return (null, EscalationBlocker.PlanHonoured);

        var fee = fees(claimable);
        var order = client.Kind == ClientKinds.Individual ? CourtRoute.JudicialCourt : CourtRoute.CommercialCourt;
        var total = claimable.Sum(i => i.BalanceCents) + fee.InterestCents + fee.IndemnityCents;
        var route = total <= SmallClaimsCeilingCents ? CourtRoute.SmallClaims : order;
        DateOnly? deadline = client.FormalNoticeOn is { } sent ? noticeDeadline(sent) : null;
        var notice = deadline is not { } d ? NoticeState.None : d >= today ? NoticeState.DeadlineRunning : NoticeState.Expired;
        return (new EscalationCase(route, order, claimable, fee, notice, deadline, reminders, owed.Count - claimable.Count), null);
    }
}
