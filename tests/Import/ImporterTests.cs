using Recouvrement.Bot.Cli;
using Recouvrement.Data;
using Recouvrement.Skills.Import;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Import;

public sealed class ImporterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Invoices = "Numéro;Client;Date;Échéance;Montant TTC;SIREN\nF-2026-041;Dupont SARL;01/10/2026;31/10/2026;1 200,50;552100554\nF-2026-042;Cabinet Roux;05/10/2026;04/11/2026;350,00;\nF-2026-043;Cabinet Roux;06/10/2026;05/11/2026;80,00;\n";

    private static async Task<(TestStore Store, long Owner, Importer Importer)> StoreAsync()
    {
        var store = await TestStore.CreateAsync();
        var owner = await store.Db.WriteAsync(s => s.Owners.GetOrCreateAsync(new Owner { Channel = "test", ExternalId = "o1" }, Now));
        return (store, owner.Id, new Importer(store.Db));
    }

    private static async Task SaveInvoicesAsync(Importer importer, long owner, string csv = Invoices)
    {
        var plan = await importer.PlanInvoicesAsync(owner, InvoiceFiles.Read(Samples.Utf8(csv), Today), Ct);
        await importer.SaveInvoicesAsync(owner, plan, Now, null, Ct);
    }

    [Fact]
    public async Task SaveInvoices_CsvTwice_SecondTimeEveryNumberIsKnownAndNothingIsAdded()
    {
        var (store, owner, importer) = await StoreAsync();
        await using var _ = store;

        var first = await importer.PlanInvoicesAsync(owner, InvoiceFiles.Read(Samples.Utf8(Invoices), Today), Ct);
        var saved = await importer.SaveInvoicesAsync(owner, first, Now, null, Ct);
        var second = await importer.PlanInvoicesAsync(owner, InvoiceFiles.Read(Samples.Utf8(Invoices), Today), Ct);

        Assert.Equal((3, 2, 2), (saved.Saved, saved.ClientsCreated, first.NewClients));
        Assert.Empty(second.ToSave);
        Assert.All(second.Refused, e => Assert.Equal(RowProblem.AlreadyKnown, e.Problem));
        Assert.Equal(3, (await store.Db.ReadAsync(s => s.Invoices.AllAsync(owner), Ct)).Count);
    }

    [Fact]
    public async Task SaveInvoices_ExistingClientBySiren_MatchedNotCreated()
    {
        var (store, owner, importer) = await StoreAsync();
        await using var _ = store;
        await store.Db.WriteAsync(s => s.Clients.CreateAsync(new Client { OwnerId = owner, Name = "DUPONT S.A.R.L.", NameKey = TextKey.Key("DUPONT S.A.R.L."), Siren = "552100554" }, "test", Now), Ct);

        var plan = await importer.PlanInvoicesAsync(owner, InvoiceFiles.Read(Samples.Utf8(Invoices), Today), Ct);
        var saved = await importer.SaveInvoicesAsync(owner, plan, Now, null, Ct);

        Assert.Equal(1, saved.ClientsCreated); // Cabinet Roux only
        Assert.Equal(2, await store.Db.ReadAsync(s => s.Clients.CountAsync(owner), Ct));
    }

    [Fact]
    public async Task Statement_ImportedTwice_RecordsEachPaymentOnce()
    {
        var (store, owner, importer) = await StoreAsync();
        await using var _ = store;
        await SaveInvoicesAsync(importer, owner);
        var statement = BankFiles.Read(Samples.Utf8(Samples.Ofx1));

        var rec = await importer.ReconcileAsync(owner, statement, Ct);
        var first = await importer.RecordAsync(owner, statement, rec, p => p.Certainty == MatchCertainty.Certain, Now, Ct);
        var again = await importer.ReconcileAsync(owner, statement, Ct);
        var second = await importer.RecordAsync(owner, statement, again, p => p.Certainty == MatchCertainty.Certain, Now, Ct);

        var certain = Assert.Single(rec.Proposals, p => p.Certainty == MatchCertainty.Certain);
        Assert.Equal(("F-2026-041", MatchReason.Reference), (certain.Settles[0].Invoice.Number, certain.Reason));
        var likely = Assert.Single(rec.Proposals, p => p.Certainty == MatchCertainty.Likely);
        Assert.Equal(("Cabinet Roux", "F-2026-042"), (likely.ClientName, likely.Settles[0].Invoice.Number));
        Assert.Equal(99_00, Assert.Single(rec.Unmatched).AmountCents);
        Assert.Equal((1, 120050L), (first.Recorded, first.RecordedCents));
        Assert.Equal(0, second.Recorded);
        Assert.Equal(2, again.AlreadyImported); // the recorded credit and the debit
        var payments = await store.Db.ReadAsync(s => s.Payments.AllAsync(owner), Ct);
        Assert.Equal(new DateOnly(2026, 11, 20), Assert.Single(payments).PaidOn);
    }

    [Fact]
    public async Task Statement_LikelyConfirmedWithIban_NextPaymentFromThatAccountIsCertain()
    {
        var (store, owner, importer) = await StoreAsync();
        await using var _ = store;
        await SaveInvoicesAsync(importer, owner, "Numéro;Client;Date;Échéance;Montant\nUBL-12;Cabinet Roux SARL;02/11/2026;02/12/2026;780,00\nR-2;Cabinet Roux SARL;03/11/2026;03/12/2026;125,00\n");
        var camt = BankFiles.Read(Samples.Utf8(Samples.Camt()));

        var rec = await importer.ReconcileAsync(owner, camt, Ct);
        await importer.RecordAsync(owner, camt, rec, _ => true, Now, Ct);
        var later = BankFiles.Read(Samples.Utf8(Samples.Camt().Replace("BANKREF-001", "BANKREF-009", StringComparison.Ordinal)
            .Replace("780.00", "125.00", StringComparison.Ordinal).Replace("PAIEMENT UBL-12", "VIREMENT", StringComparison.Ordinal).Replace("CABINET ROUX SARL", "M DURAND", StringComparison.Ordinal)));
        var next = await importer.ReconcileAsync(owner, later, Ct);

        var p = Assert.Single(next.Proposals);
        Assert.Equal((MatchCertainty.Certain, MatchReason.KnownIban, "R-2"), (p.Certainty, p.Reason, p.Settles[0].Invoice.Number));
    }

    [Fact]
    public async Task Reconcile_SameAmountTwoClientsWithCloseNames_NeverGuessed()
    {
        var (store, owner, importer) = await StoreAsync();
        await using var _ = store;
        await SaveInvoicesAsync(importer, owner, "Numéro;Client;Date;Échéance;Montant\nA-1;Martin Transports;02/11/2026;02/12/2026;500,00\nB-1;Martin Transports Sud;02/11/2026;02/12/2026;500,00\n");
        var csv = "Date;Libellé;Montant\n25/11/2026;VIR MARTIN TRANSPORTS;500,00\n";

        var rec = await importer.ReconcileAsync(owner, BankFiles.Read(Samples.Utf8(csv)), Ct);

        Assert.Empty(rec.Proposals);
        Assert.Single(rec.Unmatched);
    }

    [Fact]
    public async Task ImportVerb_PreviewThenYes_SavesOnlyWithYes()
    {
        var dir = Directory.CreateTempSubdirectory("recouvrement-import-");
        try
        {
            var file = Path.Combine(dir.FullName, "factures.csv");
            await File.WriteAllTextAsync(file, Invoices, Ct);
            var db = Path.Combine(dir.FullName, "store.db");
            var preview = new StringWriter();
            var saved = new StringWriter();

            var code1 = await ImportVerb.RunAsync(CliArgs.Parse(["import", file, "--db", db, "--today", "2026-12-01"]), preview, TextWriter.Null, Ct);
            var code2 = await ImportVerb.RunAsync(CliArgs.Parse(["import", file, "--db", db, "--today", "2026-12-01", "--yes"]), saved, TextWriter.Null, Ct);

            Assert.Equal((0, 0), (code1, code2));
            Assert.Contains("3 facture(s) à enregistrer", preview.ToString(), StringComparison.Ordinal);
            Assert.Contains("Rien n'est enregistré", preview.ToString(), StringComparison.Ordinal);
            Assert.Contains("✅ 3 facture(s) enregistrée(s), 2 client(s) créé(s).", saved.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ImportVerb_UnknownFile_OneClearLineAndExitCode1()
    {
        var dir = Directory.CreateTempSubdirectory("recouvrement-import-");
        try
        {
            var file = Path.Combine(dir.FullName, "photo.bin");
            await File.WriteAllBytesAsync(file, [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1], Ct);
            var output = new StringWriter();

            var code = await ImportVerb.RunAsync(CliArgs.Parse(["import", file, "--db", Path.Combine(dir.FullName, "s.db"), "--lang", "en"]), output, TextWriter.Null, Ct);

            Assert.Equal(1, code);
            Assert.StartsWith("I do not recognise this file.", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
