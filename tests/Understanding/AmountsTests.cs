using Recouvrement.Skills.Understanding;

namespace Recouvrement.Tests.Understanding;

public sealed class AmountsTests
{
    [Theory]
    [InlineData("1 200,50", 1200.50)]
    [InlineData("1.200,50", 1200.50)]
    [InlineData("1,200.50", 1200.50)]
    [InlineData("350,50", 350.50)]
    [InlineData("499.99", 499.99)]
    [InlineData("1.200", 1200)]
    [InlineData("1,200", 1200)]
    [InlineData("1 250 000", 1250000)]
    [InlineData("1'250.00", 1250)]
    [InlineData("0,5", 0.5)]
    [InlineData("12", 12)]
    public void TryParseNumber_OwnerFormats_ReadsValue(string text, double expected)
    {
        Assert.True(Amounts.TryParseNumber(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1,2,3.4.5")]
    public void TryParseNumber_Garbage_Refuses(string text) => Assert.False(Amounts.TryParseNumber(text, out _));

    [Theory]
    [InlineData(1200.505, 120051)]
    [InlineData(0.004, 0)]
    [InlineData(19.99, 1999)]
    public void TryToCents_Decimal_RoundsHalfAwayFromZero(double amount, long cents)
    {
        Assert.True(Amounts.TryToCents((decimal)amount, out var result));
        Assert.Equal(cents, result);
    }

    [Fact]
    public void TryToCents_Huge_Refuses() => Assert.False(Amounts.TryToCents(decimal.MaxValue, out _));

    [Theory]
    [InlineData("-5", -5)]
    [InlineData("1 200 €", 1200)]
    [InlineData("2k", 2000)]
    [InlineData("$40", 40)]
    public void TryParseAnswer_Answer_ReadsSignedAmount(string text, double expected)
    {
        Assert.True(Amounts.TryParseAnswer(text, new DateOnly(2026, 11, 23), out var value, out _));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("31/02")]
    [InlineData("15/12")]
    [InlineData("beaucoup")]
    public void TryParseAnswer_DateOrWords_IsNotAnAmount(string text) =>
        Assert.False(Amounts.TryParseAnswer(text, new DateOnly(2026, 11, 23), out _, out _));
}
