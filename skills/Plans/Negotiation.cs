namespace Recouvrement.Skills.Plans;

/// <summary>One schedule the owner can accept, and why it is offered.</summary>
public sealed record Offer(string Kind, IReadOnlyList<Instalment> Instalments)
{
    public int Months => Instalments.Count;
}

/// <summary>What the debtor asked and what can be offered within the owner's limits.</summary>
public sealed record Negotiated(IReadOnlyList<Offer> Offers, IReadOnlyList<string> Problems);

/// <summary>
/// Turns a debtor's proposal ("en 3 fois", "200 € par mois", or nothing) into two or three schedules inside the
/// owner's policy. A proposal outside it is not offered as such: the reasons are given and the closest acceptable
/// schedule comes first.
/// </summary>
public static class Negotiation
{
    public const string Asked = "asked";
    public const string Closest = "closest";
    public const string Shorter = "shorter";
    public const string Longest = "longest";

    /// <param name="instalments">Instalments the debtor proposed, if any.</param>
    /// <param name="monthlyCents">A monthly amount the debtor proposed, if any.</param>
    public static Negotiated Negotiate(long balanceCents, int? instalments, long? monthlyCents, PlanPolicy policy, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var problems = new List<string>();
        var first = today.AddDays(Math.Min(policy.FirstPaymentWithinDays, 7));
        var deposit = policy.DepositPercent > 0 ? balanceCents * policy.DepositPercent / 100 : 0;
        // The most instalments the policy allows for this balance: months, and the smallest instalment.
        var maxCount = (int)Math.Clamp(Math.Min(policy.MaxMonths, (balanceCents - deposit) / Math.Max(1, policy.MinInstalmentCents) + (deposit > 0 ? 1 : 0)), 1, policy.MaxMonths);

        var offers = new List<Offer>();
        IReadOnlyList<Instalment>? asked = null;
        if (instalments is { } n)
        {
            if (n > policy.MaxMonths)
                problems.Add($"months:{n}:{policy.MaxMonths}");
            else if (n > 1 && (balanceCents - deposit) / (n - (deposit > 0 ? 1 : 0)) < policy.MinInstalmentCents)
                problems.Add($"small:{(balanceCents - deposit) / Math.Max(1, n - (deposit > 0 ? 1 : 0))}:{policy.MinInstalmentCents}");
            else
                asked = Schedules.Split(balanceCents, n, first, n > 1 ? deposit : 0);
        }
        else if (monthlyCents is { } m)
        {
            var months = (int)((balanceCents + m - 1) / m);
            if (m < policy.MinInstalmentCents && m < balanceCents)
                problems.Add($"small:{m}:{policy.MinInstalmentCents}");
            else if (months > policy.MaxMonths)
                problems.Add($"months:{months}:{policy.MaxMonths}");
            else
                asked = Schedules.Monthly(balanceCents, m, first);
        }

        if (asked is not null)
            offers.Add(new Offer(Asked, asked));
        else if (instalments is not null || monthlyCents is not null)
            offers.Add(new Offer(Closest, Schedules.Split(balanceCents, maxCount, first, maxCount > 1 ? deposit : 0)));

        // Alternatives inside the policy: the longest allowed, and a shorter one.
        void Add(string kind, int count)
        {
            if (count < 1 || offers.Any(o => o.Months == count))
                return;
            offers.Add(new Offer(kind, Schedules.Split(balanceCents, count, first, count > 1 ? deposit : 0)));
        }

        Add(Longest, maxCount);
        Add(Shorter, Math.Max(1, (maxCount + 1) / 2));
        Add(Shorter, Math.Min(2, maxCount));
        return new Negotiated([.. offers.Take(3)], problems);
    }
}
