using Recouvrement.Skills.Understanding;

namespace Recouvrement.Tests.Understanding;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("qui me doit ?", "fr")]
    [InlineData("échéances à venir", "fr")]
    [InlineData("who owes me?", "en")]
    [InlineData("invoice Acme 1200 net 30", "en")]
    [InlineData("l'email de Dupont", "fr")]
    [InlineData("1200", null)]
    [InlineData("Dupont SARL", null)]
    public void Detect_Text_GivesLanguage(string text, string? expected) =>
        Assert.Equal(expected, Language.Detect(new FoldedText(text).Folded));
}
