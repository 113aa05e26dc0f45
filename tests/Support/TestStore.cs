using Microsoft.Data.Sqlite;
using Recouvrement.Data;

namespace Recouvrement.Tests.Support;

/// <summary>A real SQLite file with the real migrations, deleted afterwards.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private TestStore(string path)
    {
        Path = path;
        Db = new Database(path);
    }

    public string Path { get; }
    public Database Db { get; }

    public static async Task<TestStore> CreateAsync()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "recouvrement-tests", $"{Guid.NewGuid():N}.db");
        var store = new TestStore(path);
        await store.Db.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    public ValueTask DisposeAsync()
    {
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

        return ValueTask.CompletedTask;
    }
}
