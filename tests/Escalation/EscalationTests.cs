using System.IO.Compression;
using System.Text;
using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Escalation;

/// <summary>« prépare le dossier d'injonction de payer »: the route by amount and debtor, the décompte, the bordereau, the ZIP.</summary>
public sealed class EscalationTests(SmtpServer smtp) : IClassFixture<SmtpServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prepare_SmallBusinessClaimAfterNotice_SmallClaimsRouteFileAndZipOfPieces()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = Kits.Chat(store, smtp.Sender(), "escalate-small");
        await chat.PlayAsync(
            ("mon entreprise s'appelle Atelier Nova", "✅"),
            ("mon SIREN est 552 100 554", "✅"),
            ("mon adresse est 12 rue de la Paix, 75002 Paris", "✅"),
            ("facture du 01/09/2026 F-1 Dupont SARL 1 200 € échéance 01/10/2026", "✅"),
            ("facture du 01/10/2026 F-2 Dupont SARL 300 € échéance 01/11/2026", "✅"),
            ("l'email de Dupont SARL est compta@dupont.fr", "✅"),
            ("l'adresse de Dupont SARL est 3 place Bellecour, 69002 Lyon", "✅"),
            ("relance Dupont SARL", "Relance"),
            ("[press] Approuver", "✅ Approuvé et envoyé"));
        chat.Now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));
        await chat.PlayAsync(
            ("rédige une mise en demeure pour Dupont SARL", "Mise en demeure pour Dupont SARL"),
            ("[press] Approuver", "✅ Approuvé et envoyé"),
            ("que faire maintenant pour Dupont SARL ?", "Dossier de recouvrement pour Dupont SARL&& 2 facture(s)&& petites créances&& ⏳ La mise en demeure laisse jusqu'au 09/12/2026"));
        chat.Now = new DateTimeOffset(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(1));

        await chat.PlayAsync(("prépare le dossier d'injonction de payer pour Dupont SARL", "Dossier de recouvrement pour Dupont SARL&& 80,00 € d'indemnités&& procédure des petites créances par un commissaire de justice&& ✅ Le délai de la mise en demeure est passé (09/12/2026)"));

        var file = chat.LastReplies[0].Attachment!;
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal("dossier-recouvrement-dupont-sarl-2026-12-14.pdf", file.FileName);
        PdfText.ContainsAll(file.Content,
            "Dossier de recouvrement judiciaire — Dupont SARL", "Atelier Nova", "SIREN 552 100 554", "3 place Bellecour, 69002 Lyon",
            "petites créances", "L125-1", "Cerfa n° 12946*02", "tribunal de commerce", "(69002 Lyon)",
            "Requête en injonction de payer", "1 500,00 € en principal", "80,00 € au titre de l'indemnité forfaitaire",
            "Malgré 1 relance(s) et une mise en demeure du 01/12/2026 restée sans effet",
            "Pièce n° 1 : Facture n° F-1 du 01/09/2026", "Pièce n° 3 : Relance amicale envoyée le 23/11/2026",
            "Pièce n° 4 : Mise en demeure du 01/12/2026", "Pièce n° 5 : Relevé de compte au 14/12/2026", "L441-10");
        Assert.DoesNotContain("Aucunemiseendemeure", PdfText.Compact(file.Content), StringComparison.Ordinal);

        var zip = chat.LastReplies[1].Attachment!;
        Assert.Equal("application/zip", zip.ContentType);
        using var archive = new ZipArchive(new MemoryStream(zip.Content), ZipArchiveMode.Read);
        var names = archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["LISEZ-MOI.txt", "dossier-recouvrement-dupont-sarl-2026-12-14.pdf", "mise-en-demeure-2026-12-01.pdf", "relance-01-2026-11-23.txt", "releve-de-compte-2026-12-14.pdf"], names);
        PdfText.ContainsAll(Read(archive, "mise-en-demeure-2026-12-01.pdf"), "LETTRE RECOMMANDÉE", "Dupont SARL", "09/12/2026");
        PdfText.ContainsAll(Read(archive, "releve-de-compte-2026-12-14.pdf"), "Relevé de compte", "1 500,00");
        Assert.Contains("Pièce n° 4 : Mise en demeure du 01/12/2026", Encoding.UTF8.GetString(Read(archive, "LISEZ-MOI.txt")), StringComparison.Ordinal);
        Assert.Contains("Dupont SARL", Encoding.UTF8.GetString(Read(archive, "relance-01-2026-11-23.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_IndividualAboveFiveThousand_JudicialCourtAndNoIndemnity()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store, "escalate-individual") { Now = new DateTimeOffset(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(1)) };

        await chat.PlayAsync(
            ("facture du 01/09/2026 F-9 Mme Claire Martin 7 200 € échéance 01/10/2026", "✅"),
            ("Mme Claire Martin est un particulier", "✅"),
            ("prépare le dossier d'injonction de payer pour Mme Claire Martin", "Dossier de recouvrement pour Mme Claire Martin&& 7 200,00 €&& tribunal judiciaire du domicile du débiteur (Cerfa 12948*06)&& ⚠️ Aucune mise en demeure n'est enregistrée"));

        var pdf = chat.LastReplies[0].Attachment!.Content;
        PdfText.ContainsAll(pdf, "Cerfa n° 12948*06", "tribunal judiciaire", "Débiteur non professionnel", "Aucune mise en demeure n'est enregistrée", "L'adresse du débiteur");
        var compact = PdfText.Compact(pdf);
        Assert.DoesNotContain("petitescréances", compact, StringComparison.Ordinal);
        Assert.DoesNotContain("indemnitéforfaitairepourfraisderecouvrement(article", compact, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("facture du 20/11/2026 F-1 Dupont SARL 900 € échéance 20/12/2026", "que faire maintenant pour Dupont SARL ?", "Rien n'est encore échu chez Dupont SARL (prochaine échéance le 20/12/2026)")]
    [InlineData("facture du 01/09/2026 F-1 Dupont SARL 900 € échéance 01/10/2026|Dupont SARL conteste la facture F-1", "prépare le dossier d'injonction de payer pour Dupont SARL", "sont en litige&& litige résolu avec Dupont SARL")]
    [InlineData("facture du 01/09/2026 F-1 Dupont SARL 900 € échéance 01/10/2026|Dupont SARL a payé 900 €", "prépare le dossier d'injonction de payer pour Dupont SARL", "Dupont SARL ne vous doit rien")]
    [InlineData("facture du 01/09/2026 F-1 Dupont SARL 900 € échéance 01/10/2026", "prépare le dossier d'injonction de payer pour Inconnu SARL", "Je ne connais pas de client")]
    [InlineData("facture du 01/09/2026 F-1 Dupont SARL 900 € échéance 01/10/2026", "prépare le dossier d'injonction de payer", "Pour quel client ?")]
    public async Task Prepare_NothingToClaim_ClearAnswerNoDocumentNothingWritten(string setup, string ask, string expected)
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store, "escalate-blocked");
        foreach (var line in setup.Split('|'))
            await chat.SayAsync(line);
        var events = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events"), Ct);

        await chat.PlayAsync((ask, expected));

        Assert.All(chat.LastReplies, r => Assert.Null(r.Attachment));
        Assert.Equal(events, await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events"), Ct));
    }

    [Fact]
    public async Task Prepare_EnglishOwner_RepliesInEnglishFileInFrench()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store, "escalate-en") { Now = new DateTimeOffset(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(1)) };

        await chat.PlayAsync(
            ("invoice Acme Ltd €6,000 issued 1 September 2026 due 1 October 2026", "✅"),
            ("what now for Acme Ltd?", "Court file for Acme Ltd&& €6,0&& commercial court of the debtor's seat&& No formal notice is recorded&& in French for the court"));

        PdfText.ContainsAll(chat.LastReplies[0].Attachment!.Content, "Requête en injonction de payer", "6 000,00 € en principal", "tribunal de commerce");
    }

    private static byte[] Read(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
