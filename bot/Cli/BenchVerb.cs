using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Bot.Cli;

/// <summary>
/// `bench`: builds a store of 5 000 clients and 100 000 invoices for one owner (the worst case: one owner's
/// whole book in every query), then measures parse throughput, a who_owes_me turn and log_invoice turns.
/// </summary>
internal static class BenchVerb
{
    private static readonly string[] Utterances =
    [
        "Facture Dupont SARL 1 200,50 € échéance 15/12",
        "j'ai facturé Pixel & Co 350,50€ payable à 60 jours",
        "invoice INV-88 Northwind $1,250.00 net 30",
        "Dupont SARL a payé 500 €",
        "qui me doit ?",
        "who owes me?",
        "où en est Dupont SARL ?",
        "Est-ce que Transports Girard est fiable ?",
        "rédige une mise en demeure pour Cabinet Roux",
        "Garage Petit peut payer 200 € par mois",
        "quelles sont les échéances à venir ?",
        "facture n°2026-112 Cabinet Roux 3k échéance 1er décembre",
    ];

    public static async Task<int> RunAsync(CliArgs cli, TextWriter output, CancellationToken ct)
    {
        var clients = int.Parse(cli.Option("clients") ?? "5000", CultureInfo.InvariantCulture);
        var invoices = int.Parse(cli.Option("invoices") ?? "100000", CultureInfo.InvariantCulture);
        var path = cli.Option("db") ?? Path.Combine(Path.GetTempPath(), $"recouvrement-bench-{Environment.ProcessId}.db");
        var keep = cli.Option("db") is not null;
        var today = new DateOnly(2026, 11, 23);
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));

        await output.WriteLineAsync($"Recouvrement bench — {Environment.ProcessorCount} cores, .NET {Environment.Version}").ConfigureAwait(false);

        // 1. Recognizer throughput.
        var recognizer = new Recognizer();
        foreach (var u in Utterances)
            _ = recognizer.Recognize(u, today);
        var parses = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(3))
        {
            foreach (var u in Utterances)
                _ = recognizer.Recognize(u, today).ToJson();
            parses += Utterances.Length;
        }

        var parseRate = parses / sw.Elapsed.TotalSeconds;
        await output.WriteLineAsync($"parse: {parseRate:N0} utterances/s (recognize + JSON, one thread)").ConfigureAwait(false);

        // 2. A store of the given size.
        if (!keep)
            DeleteStore(path);
        var db = new Database(path);
        await db.MigrateAsync(ct).ConfigureAwait(false);
        sw.Restart();
        var existing = await BenchSeeder.OneOwnerInvoicesAsync(db, ct).ConfigureAwait(false);
        if (existing > 0)
        {
            await output.WriteLineAsync($"store: reusing {existing:N0} invoices already in {path}").ConfigureAwait(false);
        }
        else
        {
            await BenchSeeder.OneOwnerAsync(db, clients, invoices, today, now, ct).ConfigureAwait(false);
            await output.WriteLineAsync($"store: {clients:N0} clients, {invoices:N0} invoices generated in {sw.Elapsed.TotalSeconds:N1} s ({path})").ConfigureAwait(false);
        }

        var engine = new TurnEngine(db, recognizer);
        var owner = new OwnerIdentity("bench", "owner");

        // 3. who_owes_me, end to end through the turn engine.
        var timings = new List<double>();
        for (var i = 0; i < 55; i++)
        {
            sw.Restart();
            _ = await engine.HandleAsync(new Turn(owner, "bench", "qui me doit ?", null, now), ct).ConfigureAwait(false);
            if (i >= 5)
                timings.Add(sw.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        await output.WriteLineAsync($"who_owes_me turn: median {timings[timings.Count / 2]:N1} ms, p95 {timings[(int)(timings.Count * 0.95)]:N1} ms (over {(existing > 0 ? existing : invoices):N0} invoices)").ConfigureAwait(false);

        // 3b. Its parts: the balances kept up to date against the raw aggregate over the same store, and the chart.
        var ownerId = (await db.ReadAsync(s => s.Owners.FindAsync("bench", "owner"), ct).ConfigureAwait(false))!.Id;
        var day = DateOnly.FromDateTime(now.Date);
        var raw = await MedianAsync(() => db.ReadAsync(s => s.Invoices.BalancesAsync(ownerId, day), ct)).ConfigureAwait(false);
        var kept = await MedianAsync(() => db.BalancesAsync(ownerId, day, ct)).ConfigureAwait(false);
        var balances = await db.BalancesAsync(ownerId, day, ct).ConfigureAwait(false);
        var chart = await MedianAsync(() => Task.FromResult(Recouvrement.Skills.Documents.AgingChart.Build(balances, day, "fr"))).ConfigureAwait(false);
        await output.WriteLineAsync($"balances: kept {kept:N1} ms vs raw aggregate {raw:N1} ms ({raw / kept:N1}× faster), {balances.Count:N0} client rows; aging chart {chart:N1} ms").ConfigureAwait(false);

        // 4. log_invoice turns, each a complete write (client lookup, duplicate checks, insert, events).
        var logged = 0;
        // Numbers unique to this run, so a reused store measures writes, not "already exists".
        var run = Environment.ProcessId;
        sw.Restart();
        while (sw.Elapsed < TimeSpan.FromSeconds(3))
        {
            var n = logged + 1;
            _ = await engine.HandleAsync(new Turn(owner, "bench", $"facture B{run}-{n} Client {n % clients:D5} SARL 1 200 € à 30 jours", null, now), ct).ConfigureAwait(false);
            logged++;
        }

        await output.WriteLineAsync($"log_invoice: {logged / sw.Elapsed.TotalSeconds:N0} turns/s").ConfigureAwait(false);
        if (!keep)
        {
            SqliteConnection.ClearAllPools();
            DeleteStore(path);
        }

        return 0;
    }

    private static void DeleteStore(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(path + suffix);
    }

    /// <summary>Median of 30 timed runs after 5 warm-up runs, in milliseconds.</summary>
    private static async Task<double> MedianAsync<T>(Func<Task<T>> run)
    {
        var timings = new List<double>();
        for (var i = 0; i < 35; i++)
        {
            var sw = Stopwatch.StartNew();
            _ = await run().ConfigureAwait(false);
            if (i >= 5)
                timings.Add(sw.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        return timings[timings.Count / 2];
    }
}
