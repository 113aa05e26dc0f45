using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Documents;

public sealed class StatementTests
{
    [Fact]
    public async Task Statement_InvoicesPaymentsAndCredit_PdfReadsBackWithRunningBalanceAndHowToPay()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);
        await chat.PlayAsync(
            ("mon entreprise s'appelle Atelier Nova", "✅"),
            ("mon IBAN est FR76 3000 6000 0112 3456 7890 189", "✅"),
            ("facture du 01/09/2026 F-1 Dupont SARL 1 200 € échéance 01/10/2026", "✅"),
            ("facture du 01/10/2026 F-2 Dupont SARL 300 € échéance 10/11/2026", "✅"),
            ("Dupont SARL a payé 500 € le 15/10 pour la facture F-1", "✅"),
            ("relevé de compte Dupont SARL", "📄 Relevé de compte de Dupont SARL (2 facture(s), 1 règlement(s)) : reste dû 1 000,00 €."));

        var attachment = chat.LastReplies[0].Attachment!;
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.StartsWith("releve-dupont-sarl-", attachment.FileName, StringComparison.Ordinal);
        PdfText.ContainsAll(attachment.Content, "Atelier Nova", "Dupont SARL", "Relevé de compte", "F-1", "F-2", "1 200,00", "500,00", "700,00", "Solde de clôture", "1 000,00", "IBAN", "FR76");
    }

    [Fact]
    public async Task Statement_ClientWithoutInvoices_ClearAnswerAndNoEmptyDocument()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("l'email de Alpha Conseil est a@alpha.fr", "Je ne connais pas de client"),
            ("relevé de compte Inconnu SARL", "Je ne connais pas de client"));

        Assert.Null(chat.LastReplies[0].Attachment);
    }
}
