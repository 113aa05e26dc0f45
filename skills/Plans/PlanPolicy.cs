namespace Recouvrement.Skills.Plans;

/// <summary>The owner's limits for a payment plan (`Plans` section; each can be changed by chat).</summary>
public sealed record PlanPolicy
{
    public const string Section = "Plans";

    /// <summary>Longest plan, in monthly instalments.</summary>
    public int MaxMonths { get; set; } = 6;

    /// <summary>Smallest instalment accepted.</summary>
    public long MinInstalmentCents { get; set; } = 50_00;

    /// <summary>The first payment must come within this many days.</summary>
    public int FirstPaymentWithinDays { get; set; } = 15;

    /// <summary>A deposit asked up front, as a share of the balance (0: none).</summary>
    public int DepositPercent { get; set; }

    /// <summary>Late fees are waived when the plan is honoured (said in the agreement).</summary>
    public bool WaivePenaltiesWhenHonoured { get; set; } = true;

    /// <summary>Days after a missed instalment before the plan counts as broken.</summary>
    public int GraceDays { get; set; } = 5;
}

public sealed record Instalment(int Seq, DateOnly Due, long AmountCents);

/// <summary>
/// Schedule arithmetic: amounts in integer cents that always add up to the balance (the last instalment absorbs the
/// rounding), monthly dates counted from the first one so that a 31st stays the 31st where the month has one and
/// the month's last day where it has not (31 January → 28 or 29 February → 31 March).
/// </summary>
public static class Schedules
{
    /// <summary>n instalments, an optional deposit first (it counts as the first instalment).</summary>
    public static IReadOnlyList<Instalment> Split(long totalCents, int count, DateOnly first, long depositCents = 0)
    {
        if (totalCents <= 0)
            throw new ArgumentOutOfRangeException(nameof(totalCents), "The balance must be positive.");
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count), "At least one instalment.");
        if (depositCents < 0 || depositCents >= totalCents && count > 1)
            throw new ArgumentOutOfRangeException(nameof(depositCents));
        var list = new List<Instalment>(count);
        var rest = totalCents;
        var seq = 1;
        if (depositCents > 0 && count > 1)
        {
            list.Add(new Instalment(seq++, first, depositCents));
            rest -= depositCents;
        }

        var remaining = count - list.Count;
        var each = rest / remaining;
        for (var i = 0; i < remaining; i++)
        {
            var amount = i == remaining - 1 ? rest - (each * (remaining - 1)) : each;
            list.Add(new Instalment(seq, first.AddMonths(seq - 1), amount));
            seq++;
        }

        return list;
    }

    /// <summary>A fixed amount each month until the balance is paid; the last one is what is left.</summary>
    public static IReadOnlyList<Instalment> Monthly(long totalCents, long monthlyCents, DateOnly first)
    {
        if (totalCents <= 0)
            throw new ArgumentOutOfRangeException(nameof(totalCents), "The balance must be positive.");
        if (monthlyCents <= 0)
            throw new ArgumentOutOfRangeException(nameof(monthlyCents), "The monthly amount must be positive.");
        var list = new List<Instalment>();
        var rest = totalCents;
        for (var seq = 1; rest > 0; seq++)
        {
            var amount = Math.Min(monthlyCents, rest);
            list.Add(new Instalment(seq, first.AddMonths(seq - 1), amount));
            rest -= amount;
        }

        return list;
    }
}
