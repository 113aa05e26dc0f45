using System.Diagnostics;
using System.Text;
using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Robustness;

/// <summary>The real bot process: hostile stdin never kills it, and eight writers on one SQLite file get truthful replies.</summary>
public sealed class ProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Code, string Out, string Err)> RunAsync(byte[] stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Recouvrement.Bot.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardInput.BaseStream.WriteAsync(stdin, Ct);
        process.StandardInput.Close();
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Owner words, emoji, flags, lone surrogate halves, NUL, BOM, bidi marks, other scripts' digits and raw invalid UTF-8.</summary>
    private static byte[] HostileLines(int count, int seed)
    {
        var random = new Random(seed);
        string[] parts = ["Dupont SARL", " a payé ", "500 €", "facture ", "F-12", "qui me doit ?", " 15/12", "👍", "🇫🇷", "👨‍👩‍👧", "\0", "\uFEFF", "\u202E", "\u200B", "e\u0301", "１２３", "<script>", "'; DROP TABLE invoices;--", "%s%n", "\t"];
        using var bytes = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            var line = new StringBuilder();
            for (var k = random.Next(1, 8); k > 0; k--)
                line.Append(parts[random.Next(parts.Length)]);
            var encoded = Encoding.UTF8.GetBytes(line.ToString());
            bytes.Write(encoded);
            if (random.Next(4) == 0)
                bytes.Write([0xFF, 0xFE, 0xC3, 0xED, 0xA0, 0x80]); // invalid UTF-8 and an encoded lone surrogate
            bytes.WriteByte((byte)'\n');
        }

        return bytes.ToArray();
    }

    [Fact]
    public async Task ParseAndChat_3000HostileLines_StayAliveWithoutStackTrace()
    {
        await using var store = await TestStore.CreateAsync(Recouvrement.Data.StoreKind.Sqlite);
        var input = HostileLines(3000, seed: 19);

        var parse = await RunAsync(input, "parse", "--today", "2026-11-23");
        var chat = await RunAsync(HostileLines(300, seed: 7), "chat", "--db", store.Path, "--now", "2026-11-23T10:00:00+01:00");

        Assert.Equal(0, parse.Code);
        Assert.Equal(3000, parse.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0, chat.Code);
        foreach (var text in new[] { parse.Out, parse.Err, chat.Out, chat.Err })
        {
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("incident technique", chat.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_EightProcessesWritingOneStore_TruthfulRepliesNothingLost()
    {
        await using var store = await TestStore.CreateAsync(Recouvrement.Data.StoreKind.Sqlite);
        const int writers = 8, each = 10;

        var runs = await Task.WhenAll(Enumerable.Range(0, writers).Select(w =>
        {
            var lines = string.Concat(Enumerable.Range(0, each).Select(i => $"facture W{w}-{i} Client{w} SARL {100 + i} € à 30 jours\n"));
            return RunAsync(Encoding.UTF8.GetBytes(lines), "chat", "--db", store.Path, "--now", "2026-11-23T10:00:00+01:00");
        }));

        Assert.All(runs, r =>
        {
            Assert.Equal(0, r.Code);
            Assert.DoesNotContain("incident technique", r.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
        });
        var saidSaved = runs.Sum(r => r.Out.Split("✅ Facture enregistrée").Length - 1);
        var saved = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM invoices"), Ct);
        Assert.Equal(writers * each, saidSaved);
        Assert.Equal(writers * each, saved);
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Recouvrement.Bot.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    [Fact]
    public async Task Chat_KilledWhileWriting_EveryConfirmedInvoiceKeptAndStoreIntact()
    {
        await using var store = await TestStore.CreateAsync(Recouvrement.Data.StoreKind.Sqlite);
        var random = new Random(23);
        var confirmed = new List<string>();
        for (var round = 0; round < 6; round++)
        {
            using var process = Start("chat", "--db", store.Path, "--now", "2026-11-23T10:00:00+01:00");
            var stopAfter = random.Next(1, 12);
            var lines = string.Concat(Enumerable.Range(0, 60).Select(i => $"facture K-{round}{i:D3} Client{round} SARL {100 + i} € à 30 jours\n"));
            await process.StandardInput.WriteAsync(lines.AsMemory(), Ct);
            process.StandardInput.Close();
            _ = process.StandardError.ReadToEndAsync(Ct);
            var seen = 0;
            while (await process.StandardOutput.ReadLineAsync(Ct) is { } line)
            {
                var at = line.IndexOf("n° ", StringComparison.Ordinal);
                if (!line.StartsWith("✅ Facture enregistrée", StringComparison.Ordinal) || at < 0)
                    continue;
                confirmed.Add(line[(at + 3)..].Split(',')[0]);
                if (++seen == stopAfter)
                    break;
            }

            // SIGKILL in the middle of the next writes: no shutdown code runs.
            process.Kill();
            await process.WaitForExitAsync(Ct);
        }

        var integrity = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"), Ct);
        var numbers = (await store.Db.ReadAsync(s => s.Connection.QueryAsync<string>("SELECT number FROM invoices"), Ct)).ToHashSet();
        Assert.Equal("ok", integrity);
        Assert.True(confirmed.Count >= 6);
        Assert.All(confirmed, n => Assert.Contains(n, numbers));
    }

    [Fact]
    public async Task Migrate_KilledAtRandomMoments_NextStartMigratesOnceAndStoreIntact()
    {
        var path = Path.Combine(Path.GetTempPath(), $"recouvrement-kill-{Guid.NewGuid():N}.db");
        try
        {
            var random = new Random(5);
            for (var round = 0; round < 5; round++)
            {
                using var process = Start("chat", "--db", path, "--now", "2026-11-23T10:00:00+01:00");
                // Killed somewhere between start-up and the first migrations being applied or done.
                await Task.Delay(random.Next(150, 900), Ct);
                process.Kill();
                await process.WaitForExitAsync(Ct);
            }

            var db = new Recouvrement.Data.Database(path);
            await db.MigrateAsync(Ct);
            var integrity = await db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"), Ct);
            var versions = (await db.ReadAsync(s => s.Connection.QueryAsync<string>("SELECT version FROM schema_migrations ORDER BY version"), Ct)).ToList();
            Assert.Equal("ok", integrity);
            Assert.Equal(versions.Distinct().Count(), versions.Count);
            Assert.Equal(typeof(Recouvrement.Data.Database).Assembly.GetManifestResourceNames().Count(n => n.StartsWith("Migrations.", StringComparison.Ordinal)), versions.Count);
        }
        finally
        {
            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(f);
        }
    }
}
