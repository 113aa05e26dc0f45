using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Invoices;

/// <summary>Every bad input gets a clear answer in the owner's language and writes nothing.</summary>
public sealed class BadInputTranscriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadMessages => new()
    {
        { "facture Acme 0 € demain", "Le montant doit être supérieur à zéro." },
        { "facture Acme -200 € demain", "Le montant doit être supérieur à zéro." },
        { "facture Acme 2000000000 € demain", "Ce montant dépasse 1 000 000 000" },
        { "invoice Acme -5 USD due tomorrow", "The amount must be more than zero." },
        { "facture Acme 900 € échéance 31/02", "La date « 31/02 » n'existe pas." },
        { "facture Acme beaucoup € demain", "Quel est le montant" },
        { "", "Votre message est vide." },
        { "    ", "Votre message est vide." },
        { new string('a', 10_000), "Ce message est trop long (10 000 caractères, 2000 au plus)" },
        { "SELECT * FROM invoices; DROP TABLE invoices;--", "Nobody owes you anything" },
        { "<script>alert('x')</script>", "Je n'ai pas compris." },
        { "Dupont SARL a payé 500 €", "Je ne connais pas de client « Dupont SARL »" },
        { "la facture F-404 est payée", "Je ne trouve pas de facture n° F-404" },
        { "où en est Inconnu SA ?", "Je ne connais pas de client « Inconnu SA »" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task HandleAsync_BadMessage_ClearReplyAndNothingWritten(string message, string expected)
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        var reply = ChatDriver.Normalize(await chat.SayAsync(message));

        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", reply, StringComparison.Ordinal);
        var rows = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT (SELECT COUNT(*) FROM invoices) + (SELECT COUNT(*) FROM clients) + (SELECT COUNT(*) FROM payments)"), Ct);
        Assert.Equal(0, rows);
    }

    [Fact]
    public async Task HandleAsync_MarkupInClientName_IsStoredVerbatimAndEscapedInReplies()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.SayAsync("facture \"**Evil** <b>Co</b>\" 300 € demain");

        var text = chat.LastReplies[0].Text;
        Assert.Contains("\\*\\*Evil\\*\\* <b>Co</b>", text, StringComparison.Ordinal);
        var name = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("SELECT name FROM clients"), Ct);
        Assert.Equal("**Evil** <b>Co</b>", name);
    }

    [Fact]
    public async Task HandleAsync_SqlLookingClientName_IsJustAName()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture \"Robert'); DROP TABLE invoices;--\" 300 € demain", "✅ Facture enregistrée : Robert'); DROP TABLE invoices;--"),
            ("qui me doit ?", "Robert'); DROP TABLE invoices;--"));
    }

    [Fact]
    public async Task HandleAsync_BadAmountAnswers_KeepAskingThenAccept()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Roux demain", "Quel est le montant"),
            ("beaucoup", "Je n'ai pas compris le montant."),
            ("0", "Le montant doit être supérieur à zéro."),
            ("-5", "Le montant doit être supérieur à zéro."),
            ("31/02", "Je n'ai pas compris le montant."),
            ("1 200 €", "✅ Facture enregistrée : Roux, 1 200,00 €"));
    }

    [Fact]
    public async Task HandleAsync_BadDateAnswers_KeepAskingThenAccept()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Roux 300 €", "Quelle est l'échéance ?"),
            ("31/02", "La date « 31/02 » n'existe pas."),
            ("je ne sais pas", "Je n'ai pas compris la date."),
            ("dans 30 jours", "✅ Facture enregistrée : Roux, 300,00 €, échéance le 23/12/2026"));
    }
}
