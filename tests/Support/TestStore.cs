using Microsoft.Data.Sqlite;
using Recouvrement.Data;

namespace Recouvrement.Tests.Support;

/// <summary>
/// A real store with the real migrations, removed afterwards: a SQLite file by default, or a fresh database on the
/// test run's PostgreSQL server.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private TestStore(string pathOrConnectionString, StoreKind kind)
    {
        Path = pathOrConnectionString;
        Kind = kind;
        Db = new Database(pathOrConnectionString);
    }

    /// <summary>The SQLite file, or the PostgreSQL connection string.</summary>
    public string Path { get; }
    public StoreKind Kind { get; }
    public Database Db { get; }

    /// <summary>
    /// The store tests use when they do not ask for one: SQLite, or PostgreSQL when RECOUVREMENT_TEST_STORE=postgres
    /// (CI runs the suite both ways).
    /// </summary>
    public static StoreKind DefaultKind { get; } =
        string.Equals(Environment.GetEnvironmentVariable("RECOUVREMENT_TEST_STORE"), "postgres", StringComparison.OrdinalIgnoreCase) ? StoreKind.Postgres : StoreKind.Sqlite;

    /// <param name="upTo">Apply the migrations up to this version only (an upgrade test migrates the rest itself).</param>
    public static async Task<TestStore> CreateAsync(StoreKind? kindOrDefault = null, string? upTo = null)
    {
        var kind = kindOrDefault ?? DefaultKind;
        var target = kind == StoreKind.Postgres
            ? await PostgresServer.CreateDatabaseAsync()
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "recouvrement-tests", $"{Guid.NewGuid():N}.db");
        var store = new TestStore(target, kind);
        if (upTo is null)
            await store.Db.MigrateAsync(TestContext.Current.CancellationToken);
        else
            await store.Db.MigrateUpToAsync(upTo, TestContext.Current.CancellationToken);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (Kind == StoreKind.Postgres)
        {
            await Db.DisposeAsync();
            await PostgresServer.DropDatabaseAsync(Path);
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
                // Another test's pool may still hold it; the temp folder is cleaned by the OS.
            }
        }
    }
}
