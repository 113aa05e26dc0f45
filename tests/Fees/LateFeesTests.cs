using Recouvrement.Data;
using Recouvrement.Skills.Fees;

namespace Recouvrement.Tests.Fees;

/// <summary>Worked examples, each checked by hand in the comment above it.</summary>
public sealed class LateFeesTests
{
    // The seed of migration 0003 (reference A3), as the store holds it.
    private static readonly RateTable Rates = new(
    [
        R(RateKinds.EcbMro, 2025, 1, 315), R(RateKinds.EcbMro, 2025, 7, 215), R(RateKinds.EcbMro, 2026, 1, 215),
        R(RateKinds.LegalOther, 2025, 1, 371), R(RateKinds.LegalOther, 2025, 7, 276), R(RateKinds.LegalOther, 2026, 1, 262),
    ]);

    private static Rate R(string kind, int y, int m, int bp) => new() { Kind = kind, ValidFrom = new DateOnly(y, m, 1), RateBp = bp };

    private static Invoice Inv(long id, long cents, DateOnly due) =>
        new() { Id = id, AmountCents = cents, Currency = "EUR", IssueDate = due.AddDays(-30), DueDate = due };

    private static Payment Pay(long invoiceId, long cents, DateOnly on) => new() { InvoiceId = invoiceId, AmountCents = cents, Currency = "EUR", PaidOn = on };

    [Fact]
    public void Compute_BusinessThirtyDaysLate_EcbPlusTenAndFortyEuros()
    {
        // 1 000,00 € due 31/01/2026, on 02/03/2026: 30 days at 2.15 + 10 = 12.15 %.
        // 100 000 × 0.1215 × 30 / 365 = 998.63 cents -> 9,99 €; plus 40 €.
        var r = LateFees.Compute([Inv(1, 100_000, new(2026, 1, 31))], [], new(2026, 3, 2), Rates, ClientKinds.Company, null, null);

        var line = Assert.Single(r.Lines);
        Assert.Equal(30, line.DaysLate);
        Assert.Equal(999, r.InterestCents);
        Assert.Equal(4_000, r.IndemnityCents);
        Assert.Equal(FeeBasis.LegalBusiness, r.Basis);
        Assert.Equal(1215, r.RateBpNow);
        Assert.Empty(r.FallbackHalfYears);
    }

    [Fact]
    public void Compute_AcrossHalfYearBoundary_EachDayAtItsHalfYearRate()
    {
        // 2 000,00 € due 20/06/2025, on 10/07/2025: 21-30 June = 10 days at 13.15 %, 1-10 July = 10 days at 12.15 %.
        // 200 000 × 0.1315 × 10/365 = 720.55 ; 200 000 × 0.1215 × 10/365 = 665.75 ; total 1 386.30 -> 13,86 €.
        var r = LateFees.Compute([Inv(1, 200_000, new(2025, 6, 20))], [], new(2025, 7, 10), Rates, ClientKinds.Company, null, null);

        Assert.Equal(20, r.Lines[0].DaysLate);
        Assert.Equal(1_386, r.InterestCents);
    }

    [Fact]
    public void Compute_PartialPayment_InterestFollowsTheBalance()
    {
        // 1 000,00 € due 01/03/2026; 400 € paid 11/03; on 21/03: 2-11 March (10 days) on 1 000 €, 12-21 March (10 days) on 600 €.
        // 100 000 × 0.1215 × 10/365 = 332.88 ; 60 000 × 0.1215 × 10/365 = 199.73 ; total 532.60 -> 5,33 €.
        var r = LateFees.Compute([Inv(1, 100_000, new(2026, 3, 1))], [Pay(1, 40_000, new(2026, 3, 11))], new(2026, 3, 21), Rates, ClientKinds.Company, null, null);

        Assert.Equal(533, r.InterestCents);
        Assert.Equal(20, r.Lines[0].DaysLate);
    }

    [Fact]
    public void Compute_PaidLate_CountsDaysUpToThePayment()
    {
        // 1 000,00 € due 01/03/2026, paid in full 11/03/2026: 10 days at 12.15 % = 332.88 -> 3,33 €, plus 40 €.
        var r = LateFees.Compute([Inv(1, 100_000, new(2026, 3, 1))], [Pay(1, 100_000, new(2026, 3, 11))], new(2026, 3, 31), Rates, ClientKinds.Company, null, null);

        Assert.Equal(10, r.Lines[0].DaysLate);
        Assert.Equal(333, r.InterestCents);
        Assert.Equal(4_000, r.IndemnityCents);
    }

    [Fact]
    public void Compute_Individual_LegalRateFromFormalNoticeAndNoIndemnity()
    {
        // 500,00 € due 10/01/2026, formal notice 01/02/2026, on 03/03/2026: 2 Feb - 3 Mar = 30 days at 2.62 % (taux légal, autres cas).
        // 50 000 × 0.0262 × 30/365 = 107.67 -> 1,08 €; no 40 € for a consumer.
        var r = LateFees.Compute([Inv(1, 50_000, new(2026, 1, 10))], [], new(2026, 3, 3), Rates, ClientKinds.Individual, null, new DateOnly(2026, 2, 1));

        Assert.Equal(108, r.InterestCents);
        Assert.Equal(0, r.IndemnityCents);
        Assert.Equal(FeeBasis.Individual, r.Basis);
        Assert.False(r.WaitingForFormalNotice);
    }

    [Fact]
    public void Compute_IndividualWithoutFormalNotice_NothingYet()
    {
        var r = LateFees.Compute([Inv(1, 50_000, new(2026, 1, 10))], [], new(2026, 3, 3), Rates, ClientKinds.Individual, null, null);

        Assert.Equal(0, r.InterestCents);
        Assert.True(r.WaitingForFormalNotice);
    }

    [Fact]
    public void Compute_MissingHalfYear_UsesLastKnownRateAndSaysSo()
    {
        // 2026 H2 is not in the table: 1 000,00 € due 31/07/2026, on 30/08/2026 -> 30 days at the 2026 H1 rate, 12.15 % -> 9,99 €.
        var r = LateFees.Compute([Inv(1, 100_000, new(2026, 7, 31))], [], new(2026, 8, 30), Rates, ClientKinds.Company, null, null);

        Assert.Equal(999, r.InterestCents);
        Assert.Equal([new DateOnly(2026, 7, 1)], r.FallbackHalfYears);
    }

    [Fact]
    public void Compute_ContractRateBelowThreeTimesLegal_AppliesTheFloorAndSaysSo()
    {
        // 5 % < 3 × 2.62 % = 7.86 %: the stipulated rate is not applied, the floor is (L441-10).
        // 100 000 × 0.0786 × 30/365 = 646.03 -> 6,46 €.
        var r = LateFees.Compute([Inv(1, 100_000, new(2026, 1, 31))], [], new(2026, 3, 2), Rates, ClientKinds.Company, 500, null);

        Assert.Equal(FeeBasis.Contract, r.Basis);
        Assert.True(r.ContractRateBelowFloor);
        Assert.Equal(786, r.RateBpNow);
        Assert.Equal(646, r.InterestCents);
    }

    [Fact]
    public void Compute_SeveralInvoices_FortyEurosEach()
    {
        var r = LateFees.Compute([Inv(1, 10_000, new(2026, 2, 1)), Inv(2, 10_000, new(2026, 2, 15)), Inv(3, 10_000, new(2026, 4, 1))], [], new(2026, 3, 1), Rates, ClientKinds.Company, null, null);

        Assert.Equal(2, r.Lines.Count);
        Assert.Equal(8_000, r.IndemnityCents);
    }
}
