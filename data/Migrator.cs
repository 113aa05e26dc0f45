using System.Reflection;
using Dapper;

namespace Recouvrement.Data;

/// <summary>
/// Applies the embedded, numbered, forward-only SQL scripts once each, recording them in a journal table.
/// Each script runs in its own transaction with its journal row, so a crash never half-applies one. SQLite scripts
/// live in Migrations/, PostgreSQL ones in Migrations/Postgres/ (applied under an advisory lock, so instances
/// starting together migrate once).
/// </summary>
internal sealed class Migrator(Database database, TimeProvider clock, string? upTo = null)
{
    /// <summary>The advisory lock key of migrations (any constant shared by every instance).</summary>
    private const long LockKey = 0x5265636F7576;

    public static IReadOnlyList<(string Version, string Sql)> Scripts(StoreKind kind = StoreKind.Sqlite)
    {
        var prefix = kind == StoreKind.Postgres ? "PgMigrations." : "Migrations.";
        var assembly = typeof(Migrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..^4], Read(assembly, n)))];
    }

    public async Task ApplyAsync(CancellationToken ct)
    {
        if (database.Kind == StoreKind.Postgres)
        {
            await ApplyPostgresAsync(ct).ConfigureAwait(false);
            return;
        }

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
            catch (Exception e) when (Database.IsTransient(e) && Environment.TickCount64 < deadline)
            {
                await Task.Delay(Math.Min(50 * attempt, 500), ct).ConfigureAwait(false);
            }
        }

        foreach (var (version, sql) in Wanted(StoreKind.Sqlite))
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

    /// <summary>
    /// One connection holds a session advisory lock for the whole run: a second instance waits on it, then finds every
    /// script journaled and applies nothing.
    /// </summary>
    private async Task ApplyPostgresAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@Key)", new { Key = LockKey }, cancellationToken: ct)).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL);", cancellationToken: ct)).ConfigureAwait(false);
            foreach (var (version, sql) in Wanted(StoreKind.Postgres))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { Version = version }, transaction, cancellationToken: ct)).ConfigureAwait(false);
                if (done > 0)
                    continue;
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: ct)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (@Version, @AppliedAt)",
                    new { Version = version, AppliedAt = SqlTime.Utc(clock.GetUtcNow()) }, transaction, cancellationToken: ct)).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            // The connection goes back to the pool: the session lock must be let go explicitly.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@Key)", new { Key = LockKey }, cancellationToken: CancellationToken.None)).ConfigureAwait(false);
        }
    }

    /// <summary>The scripts to apply: all of them, or (upgrade tests) those up to a version.</summary>
    private IEnumerable<(string Version, string Sql)> Wanted(StoreKind kind) =>
        Scripts(kind).Where(x => upTo is null || string.CompareOrdinal(x.Version, upTo) <= 0);

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
