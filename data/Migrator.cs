using System.Reflection;
using Dapper;

namespace Recouvrement.Data;

/// <summary>
/// Applies the embedded, numbered, forward-only SQL scripts once each, recording them in a journal table.
/// Each script runs in its own transaction with its journal row, so a crash never half-applies one.
/// </summary>
internal sealed class Migrator(Database database, TimeProvider clock)
{
    private const string Prefix = "Migrations.";

    public static IReadOnlyList<(string Version, string Sql)> Scripts()
    {
        var assembly = typeof(Migrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[Prefix.Length..^4], Read(assembly, n)))];
    }

    public async Task ApplyAsync(CancellationToken ct)
    {
        // Another process may hold the lock while it migrates or writes: wait for it rather than fail at start.
        var deadline = Environment.TickCount64 + (long)Database.BusyPatience.TotalMilliseconds;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(ct).ConfigureAwait(false);
                // WAL is a property of the file: readers never block the writer and vice versa.
                await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: ct)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL);",
                    cancellationToken: ct)).ConfigureAwait(false);
                break;
            }
            catch (Microsoft.Data.Sqlite.SqliteException e) when (Database.IsBusy(e) && Environment.TickCount64 < deadline)
            {
                await Task.Delay(Math.Min(50 * attempt, 500), ct).ConfigureAwait(false);
            }
        }

        foreach (var (version, sql) in Scripts())
        {
            await database.WriteAsync(async s =>
            {
                // Checked inside the write lock: a second instance starting at the same time skips what the first applied.
                var done = await s.Connection.ExecuteScalarAsync<long>(s.Command(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { Version = version })).ConfigureAwait(false);
                if (done > 0)
                    return;
                await s.Connection.ExecuteAsync(s.Command(sql)).ConfigureAwait(false);
                await s.Connection.ExecuteAsync(s.Command(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (@Version, @AppliedAt)",
                    new { Version = version, AppliedAt = SqlTime.Utc(clock.GetUtcNow()) })).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
        }
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
