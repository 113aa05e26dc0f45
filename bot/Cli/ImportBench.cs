using System.Diagnostics;
using System.Globalization;
using System.Text;
using Recouvrement.Data;
using Recouvrement.Skills.Import;

namespace Recouvrement.Bot.Cli;

/// <summary>
/// `bench --import`: a 10 000-row invoice CSV imported into a fresh store, then a 5 000-line statement (half credits
/// quoting an invoice number, a quarter paying an exact amount under the client's name, a quarter debits) matched
/// against the 10 000 open invoices and recorded.
/// </summary>
internal static class ImportBench
{
    public static async Task<int> RunAsync(CliArgs cli, TextWriter output, CancellationToken ct)
    {
        var rows = int.Parse(cli.Option("rows") ?? "10000", CultureInfo.InvariantCulture);
        var lines = int.Parse(cli.Option("lines") ?? "5000", CultureInfo.InvariantCulture);
        var path = Path.Combine(Path.GetTempPath(), $"recouvrement-import-bench-{Environment.ProcessId}.db");
        try
        {
            var db = new Database(path);
            await db.MigrateAsync(ct).ConfigureAwait(false);
            var now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));
            var owner = await db.WriteAsync(s => s.Owners.GetOrCreateAsync(new Owner { Channel = "bench", ExternalId = "import" }, now), ct).ConfigureAwait(false);
            var importer = new Importer(db);

            var csv = new StringBuilder("Numéro;Client;Date;Échéance;Montant TTC\n");
            for (var i = 0; i < rows; i++)
                csv.Append(CultureInfo.InvariantCulture, $"F-{i:D6};Client {i % 2000:D4} SARL;01/10/2026;31/10/2026;{100 + (i % 900)},{i % 100:D2}\n");
            var bytes = Encoding.UTF8.GetBytes(csv.ToString());
            var before = GC.GetTotalMemory(true);
            var sw = Stopwatch.StartNew();
            var read = InvoiceFiles.Read(bytes, new DateOnly(2026, 12, 1));
            var plan = await importer.PlanInvoicesAsync(owner.Id, read, ct).ConfigureAwait(false);
            var saved = await importer.SaveInvoicesAsync(owner.Id, plan, now, null, ct).ConfigureAwait(false);
            var importTime = sw.Elapsed;
            var importMemory = GC.GetTotalMemory(false) - before;
            await output.WriteLineAsync($"import: {saved.Saved:N0} invoices ({bytes.Length / 1024:N0} KB CSV, {saved.ClientsCreated:N0} clients) in {importTime.TotalSeconds:N2} s, {importMemory / 1024 / 1024:N0} MB allocated and live").ConfigureAwait(false);

            var statement = new StringBuilder("Date;Libellé;Montant\n");
            for (var i = 0; i < lines; i++)
            {
                var n = i * 2 % rows;
                var amount = $"{100 + (n % 900)},{n % 100:D2}";
                statement.Append((i % 4) switch
                {
                    0 or 1 => $"20/11/2026;VIR SEPA CLIENT {n % 2000:D4} SARL REF F-{n:D6};{amount}\n",
                    2 => $"21/11/2026;VIR CLIENT {n % 2000:D4} SARL;{amount}\n",
                    _ => $"22/11/2026;PRLV FOURNISSEUR {i};-{amount}\n",
                });
            }

            sw.Restart();
            var lineRead = BankFiles.Read(Encoding.UTF8.GetBytes(statement.ToString()));
            var rec = await importer.ReconcileAsync(owner.Id, lineRead, ct).ConfigureAwait(false);
            var matchTime = sw.Elapsed;
            var result = await importer.RecordAsync(owner.Id, lineRead, rec, p => p.Certainty == MatchCertainty.Certain, now, ct).ConfigureAwait(false);
            await output.WriteLineAsync($"statement: {lineRead.Lines.Count:N0} lines against {rows:N0} open invoices matched in {matchTime.TotalSeconds:N2} s ({rec.Proposals.Count:N0} proposals, {rec.Unmatched.Count:N0} unmatched), {result.Recorded:N0} recorded in {(sw.Elapsed - matchTime).TotalSeconds:N2} s").ConfigureAwait(false);
            await output.WriteLineAsync($"memory: {Environment.WorkingSet / 1024 / 1024:N0} MB working set").ConfigureAwait(false);
            return 0;
        }
        finally
        {
            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(f);
        }
    }
}
