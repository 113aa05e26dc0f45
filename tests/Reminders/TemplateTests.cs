using System.Text.RegularExpressions;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Reminders;

public sealed partial class TemplateTests
{
    public static TheoryData<string> Names() => [.. Kits.Templates.Names()];

    [Fact]
    public void Names_EveryStep_HasFrenchAndEnglish()
    {
        var names = Kits.Templates.Names();
        foreach (var step in new[] { "courtesy", "friendly", "firm", "formal_notice", "final_notice" })
        {
            Assert.Contains($"reminder_{step}_fr", names);
            Assert.Contains($"reminder_{step}_en", names);
        }

        Assert.Contains("letter_formal_notice_fr", names);
        Assert.Contains("letter_formal_notice_en", names);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task RenderAsync_EveryDeclaredVariable_RendersWithNoPlaceholderLeft(string name)
    {
        // Arrange: a distinct value for every declared variable.
        var config = Kits.Templates.Config(name);
        var values = config.InputVariables.ToDictionary(v => v.Name, v => $"<<{v.Name}>>");

        // Act
        var text = await Kits.Templates.RenderAsync(name, values, TestContext.Current.CancellationToken);

        // Assert: every value appears, nothing unrendered remains, and nothing was HTML-encoded.
        foreach (var v in values.Values)
            Assert.Contains(v, text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Config_EveryVariableUsed_IsDeclared(string name)
    {
        var config = Kits.Templates.Config(name);
        var used = VariableRegex().Matches(config.Template).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal(used.Order(), config.InputVariables.Select(v => v.Name).Order());
    }

    [Fact]
    public async Task RenderAsync_MissingVariable_Refuses()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Kits.Templates.RenderAsync("reminder_friendly_fr", new Dictionary<string, string>(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RenderAsync_FormalNotice_CitesTheLaw()
    {
        var config = Kits.Templates.Config("reminder_formal_notice_fr");
        var text = await Kits.Templates.RenderAsync("reminder_formal_notice_fr", config.InputVariables.ToDictionary(v => v.Name, v => "x"), TestContext.Current.CancellationToken);

        Assert.Contains("article 1344 du Code civil", text, StringComparison.Ordinal);
        Assert.Contains("injonction de payer", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{\{\$(\w+)\}\}")]
    private static partial Regex VariableRegex();
}
