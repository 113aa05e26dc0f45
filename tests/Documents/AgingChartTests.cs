using Recouvrement.Tests.Support;
using SkiaSharp;

namespace Recouvrement.Tests.Documents;

public sealed class AgingChartTests
{
    [Fact]
    public async Task WhoOwesMe_DebtorsInSeveralBuckets_PngWithOneBarColourPerBucketPresent()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);
        await chat.PlayAsync(
            ("facture du 01/06/2026 F-1 Dupont SARL 1 200 € échéance 01/07/2026", "✅"),
            ("facture du 01/11/2026 F-2 Hôtel du Parc 800 € échéance 10/11/2026", "✅"),
            ("facture du 15/11/2026 F-3 Acme 500 € échéance 15/12/2026", "✅"),
            ("qui me doit ?", "Qui vous doit&& Total EUR : 2 500,00 €"));

        var chart = chat.LastReplies[0].Attachment!;
        Assert.Equal("image/png", chart.ContentType);
        Assert.Equal("qui-me-doit-2026-11-23.png", chart.FileName);
        using var bitmap = SKBitmap.Decode(chart.Content);
        Assert.NotNull(bitmap);
        Assert.Equal(900, bitmap.Width);
        Assert.Equal(220 + (42 * 3), bitmap.Height);
        // Not yet due (green), 1–30 days (yellow), over 90 days (dark red) are drawn; 31–90 days are not (only in the legend's swatches, a few pixels).
        Assert.True(Count(bitmap, "#2E8B57") > 2_000);
        Assert.True(Count(bitmap, "#F2C14E") > 2_000);
        Assert.True(Count(bitmap, "#8B0000") > 2_000);
        Assert.True(Count(bitmap, "#F08A24") < 400);
    }

    [Fact]
    public async Task WhoOwesMe_NobodyOwes_NoPicture()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(("qui me doit ?", "Personne ne vous doit rien"));

        Assert.Null(chat.LastReplies[0].Attachment);
    }

    private static int Count(SKBitmap bitmap, string hex)
    {
        var want = SKColor.Parse(hex);
        var n = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y) == want)
                    n++;
            }
        }

        return n;
    }
}
