using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using ScottPlot;
using SkiaSharp;

namespace Recouvrement.Skills.Documents;

/// <summary>
/// « qui me doit ? » as a picture (PNG, ScottPlot): the largest debtors as horizontal bars split by how late their
/// money is, and the total of each aging bucket in the legend. One currency per chart: the one owed most.
/// </summary>
public static class AgingChart
{
    public const int Width = 900;
    public const int MaxDebtors = 8;
    private static readonly Color[] BucketColors = [Color.FromHex("#2E8B57"), Color.FromHex("#F2C14E"), Color.FromHex("#F08A24"), Color.FromHex("#D8431F"), Color.FromHex("#8B0000")];
    private static readonly Lock Gate = new();

    /// <summary>The chart, or null when nobody owes anything.</summary>
    public static ReplyAttachment? Build(IReadOnlyList<ClientBalance> balances, DateOnly today, string lang)
    {
        ArgumentNullException.ThrowIfNull(balances);
        var owing = balances.Where(b => b.BalanceCents > 0).ToList();
        if (owing.Count == 0)
            return null;
        var currency = owing.GroupBy(b => b.Currency).OrderByDescending(g => g.Sum(b => b.BalanceCents)).First().Key;
        var inCurrency = owing.Where(b => b.Currency == currency).ToList();
        string T(string fr, string en) => Say.Pick(lang, fr, en);
        string[] labels = [T("Non échu", "Not yet due"), T("1–30 j de retard", "1–30 days late"), T("31–60 j", "31–60 days"), T("61–90 j", "61–90 days"), T("Plus de 90 j", "Over 90 days")];
        static long[] Buckets(ClientBalance b) => [b.BalanceCents - b.OverdueCents, b.Late0To30Cents, b.Late31To60Cents, b.Late61To90Cents, b.Late90PlusCents];

        var top = inCurrency.GroupBy(b => b.ClientId)
            .Select(g => (Name: g.First().ClientName, Buckets: g.Select(Buckets).Aggregate((a, c) => [.. a.Zip(c, (x, y) => x + y)])))
            .OrderByDescending(d => d.Buckets.Sum()).Take(MaxDebtors).ToList();
        var totals = Enumerable.Range(0, labels.Length).Select(k => inCurrency.Sum(b => Buckets(b)[k])).ToArray();

        lock (Gate)
        {
            ChartFonts.Install();
            var plot = new Plot();
            plot.Font.Set(ChartFonts.Family);
            var bars = new List<Bar>();
            for (var i = 0; i < top.Count; i++)
            {
                double start = 0;
                for (var k = 0; k < labels.Length; k++)
                {
                    var value = top[i].Buckets[k] / 100.0;
                    if (value <= 0)
                        continue;
                    bars.Add(new Bar { Position = top.Count - i, ValueBase = start, Value = start + value, FillColor = BucketColors[k], LineWidth = 0, Orientation = Orientation.Horizontal });
                    start += value;
                }
            }

            plot.Add.Bars(bars);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                [.. top.Select((_, i) => (double)(top.Count - i))], [.. top.Select(d => Shorten(d.Name))]);
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.Bottom.Label.Text = currency;
            var culture = Format.Culture(lang);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("N0", culture) };
            plot.Axes.Margins(left: 0, right: 0.05, bottom: 0.05, top: 0.05);
            for (var k = 0; k < labels.Length; k++)
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{labels[k]} : {Format.Money(totals[k], currency, lang)}", FillColor = BucketColors[k] });
            plot.ShowLegend(Edge.Bottom);
            plot.Title(T($"Qui me doit — {Format.Money(totals.Sum(), currency, lang)} au {Format.Date(today, lang)}", $"Who owes me — {Format.Money(totals.Sum(), currency, lang)} on {Format.Date(today, lang)}"));
            var height = 220 + (42 * top.Count);
            var png = plot.GetImageBytes(Width, height, ImageFormat.Png);
            return new ReplyAttachment($"{T("qui-me-doit", "who-owes-me")}-{today:yyyy-MM-dd}.png", "image/png", png);
        }
    }

    private static string Shorten(string name) => name.Length <= 28 ? name : name[..27] + "…";
}

/// <summary>Lato for the charts too, from the assembly: no system font is needed on the server.</summary>
internal sealed class ChartFonts : IFontResolver
{
    public const string Family = "Lato";
    private static readonly Lock Gate = new();
    private static bool _installed;
    private readonly byte[] _regular = Load("Lato-Regular");
    private readonly byte[] _bold = Load("Lato-Bold");

    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
                return;
            Fonts.FontResolvers.Insert(0, new ChartFonts());
            Fonts.Default = Family;
            _installed = true;
        }
    }

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase) ? SKTypeface.FromData(SKData.CreateCopy(bold ? _bold : _regular)) : null;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    private static byte[] Load(string face) =>
        new EmbeddedFonts().GetFont(face) ?? throw new InvalidOperationException($"Font {face} is not embedded.");
}
