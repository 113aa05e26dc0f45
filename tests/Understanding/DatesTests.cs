using Recouvrement.Skills.Understanding;

namespace Recouvrement.Tests.Understanding;

public sealed class DatesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("29/02", "2028-02-29")]
    [InlineData("31/12", "2026-12-31")]
    [InlineData("1er mars", "2027-03-01")]
    [InlineData("12/25", "2026-12-25")]
    [InlineData("fin du mois", "2026-11-30")]
    [InlineData("dans 3 semaines", "2026-12-14")]
    [InlineData("aujourd'hui", "2026-11-23")]
    [InlineData("après-demain", "2026-11-25")]
    [InlineData("next week", "2026-11-30")]
    [InlineData("lundi prochain", "2026-11-30")]
    [InlineData("sous 8 jours", "2026-12-01")]
    public void TryParse_Phrase_GivesDate(string text, string expected)
    {
        Assert.True(Dates.TryParse(text, Today, out var date, out var invalid));
        Assert.False(invalid);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData("31/02")]
    [InlineData("30/02/2027")]
    [InlineData("2026-13-01")]
    [InlineData("31 avril")]
    public void TryParse_ImpossibleDate_IsFlaggedInvalid(string text)
    {
        Assert.False(Dates.TryParse(text, Today, out _, out var invalid));
        Assert.True(invalid);
    }

    [Fact]
    public void EndOfMonth_February_HandlesLeapYears()
    {
        Assert.Equal(new DateOnly(2028, 2, 29), Dates.EndOfMonth(new DateOnly(2028, 2, 3)));
        Assert.Equal(new DateOnly(2027, 2, 28), Dates.EndOfMonth(new DateOnly(2027, 2, 3)));
    }

    [Fact]
    public void Recognize_PaymentDateWithoutYear_IsInThePast()
    {
        var r = new Recognizer().Recognize("Dupont SARL a payé 300 € le 20/12", Today);

        Assert.Equal(new DateOnly(2025, 12, 20), r.Entities.Date);
    }

    [Fact]
    public void Recognize_ImpossibleDate_ReportsProblemAndText()
    {
        var r = new Recognizer().Recognize("facture Roux 900 € échéance 31/02", Today);

        Assert.Contains(Problem.ImpossibleDate, r.Problems);
        Assert.Equal("31/02", r.InvalidDateText);
        Assert.Null(r.Entities.DueDate);
    }
}
