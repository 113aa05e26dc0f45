using Recouvrement.Data;

namespace Recouvrement.Skills.Fees;

/// <summary>How the interest rate was chosen.</summary>
public enum FeeBasis
{
    /// <summary>B2B, no contractual rate: ECB refinancing rate of the half-year + 10 points (C. com. L441-10).</summary>
    LegalBusiness,

    /// <summary>B2B with the rate of the owner's terms.</summary>
    Contract,

    /// <summary>A consumer: the legal interest rate, from the formal notice on (C. civ. 1231-6, 1344-1); no 40 €.</summary>
    Individual,
}

public sealed record FeeLine(Invoice Invoice, int DaysLate, long InterestCents, long IndemnityCents);

public sealed record FeeResult(
    IReadOnlyList<FeeLine> Lines,
    string Currency,
    FeeBasis Basis,
    int? RateBpNow,
    IReadOnlyList<DateOnly> FallbackHalfYears,
    bool ContractRateBelowFloor,
    bool WaitingForFormalNotice)
{
    public long InterestCents => Lines.Sum(l => l.InterestCents);

    /// <summary>The 40 € recovery indemnity (D441-5), per late invoice, in euros whatever the invoice's currency.</summary>
    public long IndemnityCents => Lines.Sum(l => l.IndemnityCents);
}

/// <summary>
/// French late-payment fees, computed by code (never by a model): simple interest per day late on the unpaid
/// balance, at the rate of each day's half-year, following partial payments; plus 40 € per late B2B invoice.
/// </summary>
public static class LateFees
{
    public const long IndemnityCents = 40_00;

    /// <summary>Points added to the ECB rate when the terms are silent (L441-10).</summary>
    public const int LegalMarginBp = 10_00;

    public static FeeResult Compute(
        IReadOnlyList<Invoice> invoices,
        IReadOnlyList<Payment> payments,
        DateOnly asOf,
        RateTable rates,
        string clientKind,
        int? contractRateBp,
        DateOnly? formalNoticeOn)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentNullException.ThrowIfNull(rates);
        var basis = clientKind == ClientKinds.Individual ? FeeBasis.Individual : contractRateBp is not null ? FeeBasis.Contract : FeeBasis.LegalBusiness;
        var fallbacks = new SortedSet<DateOnly>();
        var lines = new List<FeeLine>();

        int RateOn(DateOnly day)
        {
            if (basis == FeeBasis.Contract)
            {
                // A stipulated rate below three times the legal rate is not applied: the floor is (L441-10).
                var legal = rates.Lookup(RateKinds.LegalOther, day);
                return legal is { } l ? Math.Max(contractRateBp!.Value, 3 * l.RateBp) : contractRateBp!.Value;
            }

            var kind = basis == FeeBasis.Individual ? RateKinds.LegalOther : RateKinds.EcbMro;
            var found = rates.Lookup(kind, day) ?? throw new InvalidOperationException($"No {kind} rate in the rate table.");
            if (!found.Exact)
                fallbacks.Add(RateTable.HalfYearStart(day));
            return basis == FeeBasis.Individual ? found.RateBp : found.RateBp + LegalMarginBp;
        }

        foreach (var invoice in invoices)
        {
            if (invoice.DueDate >= asOf)
                continue;
            var paid = payments.Where(p => p.InvoiceId == invoice.Id).OrderBy(p => p.PaidOn).ToList();
            var balance = invoice.AmountCents;
            var paidIndex = 0;
            // Sum of balance × rate (cents × basis points) per day, divided once at the end: no rounding drift.
            decimal accrued = 0;
            var firstDay = invoice.DueDate.AddDays(1);
            if (basis == FeeBasis.Individual)
            {
                if (formalNoticeOn is not { } notice)
                    firstDay = asOf.AddDays(1);
                else if (notice.AddDays(1) > firstDay)
                    firstDay = notice.AddDays(1);
            }

            var lastDay = invoice.DueDate;
            for (var day = invoice.DueDate.AddDays(1); day <= asOf; day = day.AddDays(1))
            {
                // A payment made before this day no longer bears interest on this day; one made on it still does.
                while (paidIndex < paid.Count && paid[paidIndex].PaidOn < day)
                    balance -= paid[paidIndex++].AmountCents;
                if (balance <= 0)
                    break;
                lastDay = day;
                if (day >= firstDay)
                    accrued += (decimal)balance * RateOn(day);
            }

            var daysLate = lastDay.DayNumber - invoice.DueDate.DayNumber;
            if (daysLate == 0)
                continue;
            var interest = (long)Math.Round(accrued / 10_000m / 365m, 0, MidpointRounding.AwayFromZero);
            var indemnity = basis == FeeBasis.Individual ? 0 : IndemnityCents;
            lines.Add(new FeeLine(invoice, daysLate, interest, indemnity));
        }

        int? rateNow = basis == FeeBasis.Contract ? RateOn(asOf) : null;
        if (basis != FeeBasis.Contract && rates.Lookup(basis == FeeBasis.Individual ? RateKinds.LegalOther : RateKinds.EcbMro, asOf) is { } now)
        {
            rateNow = basis == FeeBasis.Individual ? now.RateBp : now.RateBp + LegalMarginBp;
            if (!now.Exact)
                fallbacks.Add(RateTable.HalfYearStart(asOf));
        }

        // A stipulated rate may not be below three times the legal rate (L441-10).
        var belowFloor = basis == FeeBasis.Contract && rates.Lookup(RateKinds.LegalOther, asOf) is { } legal && contractRateBp < 3 * legal.RateBp;
        return new FeeResult(lines, invoices.FirstOrDefault()?.Currency ?? "EUR", basis, rateNow, [.. fallbacks], belowFloor,
            basis == FeeBasis.Individual && formalNoticeOn is null);
    }
}
