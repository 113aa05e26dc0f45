using System.Text.Json;
using System.Text.Json.Nodes;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Import;

/// <summary>A file sent to the bot in Telegram, through the real client against the loopback Bot API.</summary>
public sealed class ImportChatTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Invoices = "Numéro;Client;Date;Échéance;Montant TTC\nF-2026-041;Dupont SARL;01/10/2026;31/10/2026;1 200,50\nF-2026-042;Cabinet Roux;05/10/2026;04/11/2026;350,00\n";


    private static string ButtonData(JsonObject message, string label) =>
        message["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray()).First(b => b!["text"]!.ToString().Contains(label, StringComparison.Ordinal))!["callback_data"]!.ToString();

    [Fact]
    public async Task Document_InvoiceCsvThenSave_PreviewedThenSavedOnlyOnThePress()
    {
        await using var rig = await TelegramRig.StartAsync();
        rig.Api.Files["documents/f1"] = Samples.Utf8(Invoices);

        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.DocumentMessage(TelegramRig.Owner, "f1", "factures.csv", 200), 1), Ct);
        var preview = await rig.Api.WaitForAsync("sendMessage", b => b["text"]!.ToString().Contains("2 facture(s) à enregistrer", StringComparison.Ordinal));
        var before = await rig.Store.Db.ReadAsync(s => s.Invoices.LatestAsync(1, 10), Ct);

        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.Callback(TelegramRig.Owner, ButtonData(preview, "Enregistrer"), messageId: 300, id: "cb-save"), 2), Ct);
        var saved = await rig.Api.WaitForAsync("sendMessage", b => b["text"]!.ToString().Contains("2 facture(s) enregistrée(s)", StringComparison.Ordinal));

        Assert.Empty(before);
        Assert.Contains("getFile", rig.Api.Calls.Select(c => c.Method));
        Assert.Equal(2, (await rig.Store.Db.ReadAsync(s => s.Invoices.LatestAsync(1, 10), Ct)).Count);

        // The import's undo button takes the invoices back out.
        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.Callback(TelegramRig.Owner, ButtonData(saved, "Annuler cet import"), messageId: 301, id: "cb-undo"), 3), Ct);
        await rig.Api.WaitForAsync("sendMessage", b => b["text"]!.ToString().Contains("Import annulé : 2 facture(s) retirée(s)", StringComparison.Ordinal));
        Assert.Empty(await rig.Store.Db.ReadAsync(s => s.Invoices.LatestAsync(1, 10), Ct));
    }

    [Fact]
    public async Task Document_StatementWithALikelyMatch_EachProposalConfirmedByItsButton()
    {
        await using var rig = await TelegramRig.StartAsync();
        rig.Api.Files["documents/f1"] = Samples.Utf8(Invoices);
        rig.Api.Files["documents/s1"] = Samples.Utf8(Samples.Ofx1);
        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.DocumentMessage(TelegramRig.Owner, "f1", "factures.csv", 200), 1), Ct);
        var preview = await rig.Api.WaitForAsync("sendMessage", b => b["text"]!.ToString().Contains("à enregistrer", StringComparison.Ordinal));
        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.Callback(TelegramRig.Owner, ButtonData(preview, "Enregistrer"), messageId: 300, id: "cb-save"), 2), Ct);

        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.DocumentMessage(TelegramRig.Owner, "s1", "releve.ofx", 900), 3), Ct);
        var statement = await rig.Api.WaitForAsync("sendMessage", b => b["text"]!.ToString().Contains("Relevé OFX", StringComparison.Ordinal));
        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.Callback(TelegramRig.Owner, ButtonData(statement, "Cabinet Roux"), messageId: 302, id: "cb-roux"), 4), Ct);
        await rig.Api.WaitForAsync("sendMessage", b => b["text"]!.ToString().Contains("1 paiement(s) enregistré(s) (350,00", StringComparison.Ordinal));

        var payments = await rig.Store.Db.ReadAsync(s => s.Payments.AllAsync(1), Ct);
        Assert.Equal(35000, Assert.Single(payments).AmountCents);
    }

    [Fact]
    public async Task Document_PdfWithoutInvoice_ClearAnswerAndNothingKept()
    {
        await using var rig = await TelegramRig.StartAsync();
        rig.Api.Files["documents/p1"] = Samples.Pdf(null);

        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.DocumentMessage(TelegramRig.Owner, "p1", "scan.pdf", 400), 1), Ct);

        var reply = await rig.Api.WaitForAsync("sendMessage");
        Assert.Contains("ne contient pas de facture Factur-X", reply["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Null(reply["reply_markup"]);
    }
}

/// <summary>A file uploaded in a Teams personal chat (supportsFiles): the download.info attachment, fetched and previewed.</summary>
public sealed class TeamsImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Plain(JsonObject body) => TeamsRig.Json(body);

    [Fact]
    public async Task Upload_InvoiceCsv_PreviewWithSaveButton()
    {
        await using var rig = await TeamsRig.StartAsync(emulator: true);
        var name = $"factures-{Guid.NewGuid():N}.csv";
        TeamsRig.Files[name] = Samples.Utf8("Numéro;Client;Date;Montant\nT-1;Alpha Conseil;02/11/2026;500,00\n");
        var activity = rig.Activity("");
        activity["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["name"] = name,
            ["content"] = new JsonObject { ["downloadUrl"] = rig.FakeUrl + "/files/" + name, ["uniqueId"] = "u1", ["fileType"] = "csv" },
        });

        using var response = await rig.PostAsync(activity, null);
        var reply = await rig.WaitForAsync(c => Plain(c.Body).Contains("1 facture(s) à enregistrer", StringComparison.Ordinal));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("Enregistrer 1 facture(s)", Plain(reply.Body), StringComparison.Ordinal);
        Assert.Empty(await rig.Store.Db.ReadAsync(s => s.Invoices.LatestAsync(1, 10), Ct));
    }
}
