using Recouvrement.Skills.Plans;

namespace Recouvrement.Tests.Plans;

public sealed class ScheduleTests
{
    /// <summary>Property test: any balance, count, deposit and first date give cents that add up and valid, increasing dates.</summary>
    [Fact]
    public void Split_RandomInputs_SumsToBalanceWithValidIncreasingDates()
    {
        var random = new Random(2026);
        for (var run = 0; run < 5_000; run++)
        {
            var total = random.NextInt64(1, 100_000_000_00);
            var count = random.Next(1, 37);
            var first = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 3 * 365));
            var deposit = count > 1 && random.Next(3) == 0 ? total * random.Next(1, 50) / 100 : 0;
            if (count > 1 && total - deposit < count - 1)
                continue;

            var s = Schedules.Split(total, count, first, deposit);

            Assert.Equal(count, s.Count);
            Assert.Equal(total, s.Sum(i => i.AmountCents));
            Assert.All(s, i => Assert.True(i.AmountCents > 0 || total < count, $"{total}/{count}"));
            Assert.Equal(Enumerable.Range(1, count), s.Select(i => i.Seq));
            Assert.Equal(first, s[0].Due);
            for (var k = 1; k < s.Count; k++)
                Assert.True(s[k].Due > s[k - 1].Due);
        }
    }

    [Fact]
    public void Monthly_RandomInputs_SumsToBalanceLastAbsorbsTheRest()
    {
        var random = new Random(7);
        for (var run = 0; run < 5_000; run++)
        {
            var total = random.NextInt64(1, 10_000_000);
            var monthly = random.NextInt64(1, 2_000_000);
            var s = Schedules.Monthly(total, monthly, new DateOnly(2026, 1, 31));

            Assert.Equal(total, s.Sum(i => i.AmountCents));
            Assert.All(s.SkipLast(1), i => Assert.Equal(monthly, i.AmountCents));
            Assert.InRange(s[^1].AmountCents, 1, monthly);
        }
    }

    [Fact]
    public void Split_ThirtyFirstOfJanuary_MonthEndsClampAndRecover()
    {
        var s = Schedules.Split(1_000_00, 4, new DateOnly(2027, 1, 31));

        Assert.Equal([new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 28), new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 30)], s.Select(i => i.Due));
        Assert.Equal(new DateOnly(2028, 2, 29), Schedules.Split(300, 2, new DateOnly(2028, 1, 31))[1].Due);
    }

    [Fact]
    public void Split_RoundingGoesToTheLastInstalment()
    {
        var s = Schedules.Split(1_000_00, 3, new DateOnly(2026, 12, 1));

        Assert.Equal([33_333, 33_333, 33_334], s.Select(i => i.AmountCents));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(-5, 3)]
    [InlineData(100, 0)]
    [InlineData(100, -1)]
    public void Split_BadInput_Refuses(long total, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedules.Split(total, count, new DateOnly(2026, 12, 1)));

    [Fact]
    public void Negotiate_WithinPolicy_OffersTheProposalFirst()
    {
        var r = Negotiation.Negotiate(1_200_00, 3, null, new PlanPolicy(), new DateOnly(2026, 11, 23));

        Assert.Empty(r.Problems);
        Assert.Equal(Negotiation.Asked, r.Offers[0].Kind);
        Assert.Equal([40_000, 40_000, 40_000], r.Offers[0].Instalments.Select(i => i.AmountCents));
        Assert.InRange(r.Offers.Count, 2, 3);
        Assert.All(r.Offers, o => Assert.True(o.Months <= 6));
    }

    [Fact]
    public void Negotiate_TooLong_SaysWhyAndOffersTheClosest()
    {
        var r = Negotiation.Negotiate(1_200_00, 12, null, new PlanPolicy(), new DateOnly(2026, 11, 23));

        Assert.Equal(["months:12:6"], r.Problems);
        Assert.Equal(Negotiation.Closest, r.Offers[0].Kind);
        Assert.Equal(6, r.Offers[0].Months);
    }

    [Fact]
    public void Negotiate_MonthlyTooSmall_SaysWhy()
    {
        var r = Negotiation.Negotiate(1_200_00, null, 20_00, new PlanPolicy(), new DateOnly(2026, 11, 23));

        Assert.Equal(["small:2000:5000"], r.Problems);
        Assert.All(r.Offers, o => Assert.All(o.Instalments, i => Assert.True(i.AmountCents >= 50_00)));
    }

    [Fact]
    public void Negotiate_SmallBalance_NeverBelowMinimumInstalment()
    {
        var r = Negotiation.Negotiate(120_00, 6, null, new PlanPolicy(), new DateOnly(2026, 11, 23));

        Assert.NotEmpty(r.Problems);
        Assert.All(r.Offers, o => Assert.All(o.Instalments.SkipLast(1), i => Assert.True(i.AmountCents >= 50_00)));
    }
}
