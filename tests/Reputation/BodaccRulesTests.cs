using Recouvrement.Data;
using Recouvrement.Skills.Reputation;

namespace Recouvrement.Tests.Reputation;

public sealed class BodaccRulesTests
{
    private static Notice N(string id, string published, string nature, string? judged = null, string type = "annonce", string family = "collective", string? complement = null, string? jfamily = "Jugement d'ouverture") =>
        new(id, DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture), type, family, "TC LYON", jfamily, nature, complement, BodaccRules.ParseDate(judged ?? published));

    [Fact]
    public void Evaluate_ConversionToLiquidation_OpenLiquidation()
    {
        var s = BodaccRules.Evaluate([N("1", "2024-06-12", "Jugement d'ouverture d'une procédure de redressement judiciaire", "05/06/2024"), N("2", "2025-03-10", "Jugement de conversion en liquidation judiciaire", "2025-03-04")]);

        Assert.Equal(ProceedingKind.Liquidation, s.Kind);
        Assert.True(s.Open);
        Assert.Equal(new DateOnly(2025, 3, 4), s.Date);
    }

    [Fact]
    public void Evaluate_ReceivershipThenClosure_Closed()
    {
        var s = BodaccRules.Evaluate([N("1", "2022-03-02", "Jugement d'ouverture d'une procédure de redressement judiciaire"), N("2", "2024-09-20", "Jugement de clôture pour extinction du passif", "16 septembre 2024")]);

        Assert.Equal(ProceedingKind.Receivership, s.Kind);
        Assert.False(s.Open);
        Assert.Equal(new DateOnly(2024, 9, 16), s.Date);
    }

    [Fact]
    public void Evaluate_AnnulledNotice_Dropped()
    {
        var s = BodaccRules.Evaluate([N("1", "2022-03-09", "Jugement d'ouverture de liquidation judiciaire", type: "annulation")]);

        Assert.Equal(BodaccStatus.Clean, s);
    }

    [Fact]
    public void Evaluate_Rectificatif_ReplacesTheOriginal()
    {
        var s = BodaccRules.Evaluate([
            N("1", "2023-01-10", "Jugement d'ouverture d'une procédure de sauvegarde", "2023-01-05"),
            N("2", "2023-01-20", "Jugement d'ouverture d'une procédure de sauvegarde", "2023-01-05", type: "rectificatif") with { Court = "TC PARIS" },
        ]);

        Assert.Equal(ProceedingKind.Safeguard, s.Kind);
        Assert.True(s.Open);
        Assert.Equal("TC PARIS", s.Court);
    }

    [Theory]
    [InlineData("Autre jugement prononçant", "conversion en liquidation judiciaire", ProceedingKind.Liquidation, true)]
    [InlineData("Autre jugement d'ouverture", "ouverture d'un redressement judiciaire", ProceedingKind.Receivership, true)]
    [InlineData("Jugement d'ouverture d'une procédure de sauvegarde accélérée", null, ProceedingKind.Safeguard, true)]
    public void Evaluate_NatureAndComplement_Classified(string nature, string? complement, ProceedingKind kind, bool open)
    {
        var s = BodaccRules.Evaluate([N("1", "2025-01-10", nature, complement: complement)]);

        Assert.Equal(kind, s.Kind);
        Assert.Equal(open, s.Open);
    }

    [Fact]
    public void Evaluate_SkippedFamilyAndRadiation()
    {
        var s = BodaccRules.Evaluate([
            N("1", "2025-01-10", "Jugement d'ouverture de liquidation judiciaire", jfamily: "Extrait de jugement"),
            N("2", "2025-02-01", "-", family: "radiation", jfamily: null),
        ]);

        Assert.Equal(ProceedingKind.None, s.Kind);
        Assert.True(s.Radiated);
        Assert.Equal(new DateOnly(2025, 2, 1), s.RadiatedOn);
    }

    [Theory]
    [InlineData("2024-07-24", 2024, 7, 24)]
    [InlineData("27/11/2008", 2008, 11, 27)]
    [InlineData("10 décembre 2009", 2009, 12, 10)]
    [InlineData("1er mars 2021", 2021, 3, 1)]
    public void ParseDate_BodaccFormats(string text, int y, int m, int d) => Assert.Equal(new DateOnly(y, m, d), BodaccRules.ParseDate(text));

    [Theory]
    [InlineData("")]
    [InlineData("31/02/2024")]
    [InlineData("bientôt")]
    public void ParseDate_Garbage_Null(string text) => Assert.Null(BodaccRules.ParseDate(text));

    [Fact]
    public void Verdict_GradesByAverageDaysLate()
    {
        Assert.Equal('A', Verdicts.Grade(new PaymentRecord { DaysLate = [0, 2, 5] }));
        Assert.Equal('B', Verdicts.Grade(new PaymentRecord { DaysLate = [10, 20] }));
        Assert.Equal('C', Verdicts.Grade(new PaymentRecord { DaysLate = [25, 30] }));
        Assert.Equal('D', Verdicts.Grade(new PaymentRecord { DaysLate = [45] }));
        Assert.Null(Verdicts.Grade(new PaymentRecord()));
    }

    [Fact]
    public void Verdict_SourceMissing_NotRedForThatAlone()
    {
        var a = Verdicts.Assess(null, null, [], null, 0, new DateOnly(2026, 11, 23));

        Assert.Equal(Light.Green, a.Light);
    }

    [Fact]
    public void SanctionList_DgccrfPage_ParsedBySiren()
    {
        var list = SanctionList.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reputation", "Fixtures", "sanctions.html")));

        Assert.Equal(2, list.Count);
        Assert.Equal("443061841", list[0].Siren);
        Assert.Equal(new DateOnly(2025, 3, 12), list[0].DecidedOn);
        Assert.Equal(150_000_00, list[0].AmountCents);
        Assert.Equal("552081317", list[1].Siren);
        Assert.Equal(2_000_000_00, list[1].AmountCents);
    }
}
