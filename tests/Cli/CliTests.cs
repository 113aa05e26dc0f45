using System.Text.Json;
using Recouvrement.Bot.Cli;
using Recouvrement.Bot.Console;
using Recouvrement.Skills.Conversation;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Cli;

public sealed class CliTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ParseVerb_Text_PrintsContractJson()
    {
        var output = new StringWriter();

        var code = await ParseVerb.RunAsync(CliArgs.Parse(["parse", "--today", "2026-11-23", "qui me doit ?"]), new DateOnly(2026, 11, 23), TextReader.Null, output, Ct);

        Assert.Equal(0, code);
        Assert.Equal("""{"intent":"who_owes_me","entities":{}}""", output.ToString().Trim());
    }

    [Fact]
    public async Task ParseVerb_Stdin_PrintsOneJsonLinePerInputLine()
    {
        var input = new StringReader("facture Dupont SARL 1 200,50 € à 30 jours\n\nwho owes me?\n");
        var output = new StringWriter();

        await ParseVerb.RunAsync(CliArgs.Parse(["parse"]), new DateOnly(2026, 11, 23), input, output, Ct);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("log_invoice", JsonDocument.Parse(lines[0]).RootElement.GetProperty("intent").GetString());
        Assert.Equal("unknown", JsonDocument.Parse(lines[1]).RootElement.GetProperty("intent").GetString());
        Assert.Equal("who_owes_me", JsonDocument.Parse(lines[2]).RootElement.GetProperty("intent").GetString());
    }

    [Fact]
    public void CliArgs_Options_ParsedWithValuesAndVerb()
    {
        var args = CliArgs.Parse(["chat", "--db", "/tmp/x.db", "--today=2026-12-01"]);

        Assert.Equal("chat", args.Verb);
        Assert.Equal("/tmp/x.db", args.Option("db"));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(1)), args.FixedNow());
        Assert.Equal("run", CliArgs.Parse([]).Verb);
    }

    [Fact]
    public async Task ConsoleChat_PipedConversation_PrintsRepliesAndNumberedChoices()
    {
        await using var store = await TestStore.CreateAsync();
        var engine = new TurnEngine(store.Db, new());
        var chat = new ConsoleChat(engine, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ChatDriver.DefaultNow), new OwnerIdentity("console", "me"));
        var output = new StringWriter();

        await chat.RunAsync(new StringReader("facture Alpha Conseil 500 €\n2\nqui me doit ?\n"), output, interactive: false, Ct);

        var text = ChatDriver.Normalize(output.ToString());
        Assert.Contains("Quelle est l'échéance ?", text, StringComparison.Ordinal);
        Assert.Contains("  2) À 45 jours", text, StringComparison.Ordinal);
        Assert.Contains("✅ Facture enregistrée : Alpha Conseil, 500,00 €, échéance le 07/01/2027", text, StringComparison.Ordinal);
        Assert.Contains("Alpha Conseil — 500,00 €", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_EscapedUserText_RoundTripsToPlain()
    {
        var text = "Client " + Markup.Bold("**Evil** \\ name") + " ok";

        Assert.Equal("Client **Evil** \\ name ok", Markup.ToPlain(text));
        Assert.Equal([("Client ", false), ("**Evil** \\ name", true), (" ok", false)], Markup.Runs(text));
    }

    [Fact]
    public void Format_Money_FrenchAndEnglish()
    {
        Assert.Equal("1\u00A0200,50\u00A0€", Format.Money(120050, "EUR", "fr"));
        Assert.Equal("€1,200.50", Format.Money(120050, "EUR", "en"));
        Assert.Equal("$1,250.00", Format.Money(125000, "USD", "en"));
        Assert.Equal("750,00\u00A0CHF", Format.Money(75000, "CHF", "fr"));
        Assert.Equal("0,05\u00A0€", Format.Money(5, "EUR", "fr"));
        Assert.Equal("1\u00A0000\u00A0000\u00A0000,00\u00A0€", Format.Money(100_000_000_000, "EUR", "fr"));
    }

    [Fact]
    public void Format_DueRelative_HumanizedInBothLanguages()
    {
        var today = new DateOnly(2026, 11, 23);

        Assert.Equal("en retard de 3 semaines", Format.DueRelative(today.AddDays(-21), today, "fr"));
        Assert.Equal("due in 2 days", Format.DueRelative(today.AddDays(2), today, "en"));
        Assert.Equal("échéance aujourd'hui", Format.DueRelative(today, today, "fr"));
        Assert.Equal("1 month late", Format.DueRelative(today.AddDays(-45), today, "en"));
    }
}
