using CsCheck;
using Recouvrement.Skills.Understanding;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Robustness;

/// <summary>No text, however strange, can make the recognizer or a turn throw.</summary>
public sealed class HostileTextTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>Owner words mixed with emoji, flags, lone surrogate halves, NUL, BOM, bidi and zero-width marks.</summary>
    private static readonly Gen<string> Hostile = Gen.OneOf(
            Pick("Dupont SARL", "a payé", "500 €", "facture", "F-12", "qui me doit", "15/12", " ", "à 30 jours", "merci"),
            Pick("👍", "🇫🇷", "👨‍👩‍👧", "\uD83D", "\uDC4D", "\0", "\uFEFF", "\u202E", "\u200B", "e\u0301", "１２３", "\u0663", "𝟙𝟚"),
            Gen.Char.Select(c => c.ToString()),
            Gen.String)
        .Array[1, 12]
        .Select(parts => string.Concat(parts));

    private static Gen<string> Pick(params string[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    [Fact]
    public void Recognize_ArbitraryText_NeverThrows() =>
        Hostile.Sample(text => { _ = new Recognizer().Recognize(text, Today).ToJson(); }, iter: 5_000);

    [Theory]
    [InlineData("merci 👍")]
    [InlineData("Dupont SARL a payé 500 € 👍")]
    [InlineData("🇫🇷 qui me doit ?")]
    [InlineData("\0\uFEFFqui\u200B me doit ?")]
    public async Task HandleAsync_AstralOrBrokenText_AnswersWithoutApology(string text)
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        var reply = await chat.SayAsync(text);

        Assert.DoesNotContain("incident technique", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("technical problem", reply, StringComparison.Ordinal);
        Assert.NotEmpty(reply);
    }

    [Fact]
    public async Task HandleAsync_LoneSurrogateHalves_AnswersWithoutApology()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        foreach (var text in new[] { (char)0xD83D + " qui me doit ?", "qui me doit ?" + (char)0xDC4D })
            Assert.Contains("doit rien", ChatDriver.Normalize(await chat.SayAsync(text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_RandomHostileTurns_AlwaysAnswer()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);
        var texts = Hostile.Array[200].Single();

        foreach (var text in texts)
        {
            var reply = await chat.SayAsync(text);
            Assert.NotEmpty(reply);
            Assert.DoesNotContain("incident technique", reply, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("digest à １２h", 12)]
    [InlineData("digest à ٩h", 9)]
    public void Recognize_NonAsciiDigits_ReadAsDigits(string text, int hour) =>
        Assert.Equal(hour, new Recognizer().Recognize(text, Today).Entities.Hour);

    [Theory]
    [InlineData("fuseau horaire Asia/Tokyo", "Asia/Tokyo")]
    [InlineData("mon fuseau horaire est America/New_York", "America/New_York")]
    [InlineData("time zone: Australia/Sydney", "Australia/Sydney")]
    public void Recognize_TimeZoneName_ReadWhole(string text, string zone) =>
        Assert.Equal(zone, new Recognizer().Recognize(text, Today).Entities.TimeZone);

    [Fact]
    public void Clean_BrokenText_KeepsPairsReplacesHalves()
    {
        Assert.Equal("a\uFFFDb", SafeText.Clean("a" + (char)0xD800 + "b"));
        Assert.Equal("👍", SafeText.Clean("👍"));
        Assert.Equal("xy", SafeText.Clean("x\0y\uFEFF"));
    }
}
