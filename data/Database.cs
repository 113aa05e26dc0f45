using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Recouvrement.Data;

/// <summary>
/// The store: hands out short-lived connections (pooled by Microsoft.Data.Sqlite) and runs work
/// inside read or write sessions. A write session is one IMMEDIATE transaction, so a crash either
/// keeps all of a turn's changes or none of them.
/// </summary>
public sealed class Database
{
    private const int BusyTimeoutMs = 5000;

    static Database() => SqlTypeHandlers.Register();

    public Database(string pathOrConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrConnectionString);
        var builder = pathOrConnectionString.Contains('=')
            ? new SqliteConnectionStringBuilder(pathOrConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString };
        builder.ForeignKeys = true;
        builder.Pooling = true;
        builder.DefaultTimeout = BusyTimeoutMs / 1000;
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is { Length: > 0 } file && file != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(directory))
                Directory.CreateDirectory(directory);
            FilePath = Path.GetFullPath(file);
        }

        ConnectionString = builder.ToString();
    }

    public string ConnectionString { get; }

    /// <summary>The database file, when the store is a file.</summary>
    public string? FilePath { get; }

    /// <summary>The embedded default: a file in the user's data folder.</summary>
    public static string DefaultPath()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(root))
            root = Path.Combine(AppContext.BaseDirectory, "data");
        return Path.Combine(root, "Recouvrement", "recouvrement.db");
    }

    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        // busy_timeout is per connection: two bot instances on one file wait instead of failing.
        using var pragma = connection.CreateCommand();
        // A pooled connection can come back still inside a transaction (seen under saturation: « cannot start a
        // transaction within a transaction » on the next BEGIN): it is rolled back, so every use starts clean and a
        // read never sees an old snapshot.
        pragma.CommandText = SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0
            ? $"ROLLBACK; PRAGMA busy_timeout = {BusyTimeoutMs};"
            : $"PRAGMA busy_timeout = {BusyTimeoutMs};";
        await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return connection;
    }

    public Task MigrateAsync(CancellationToken ct = default) => MigrateAsync(TimeProvider.System, ct);

    public Task MigrateAsync(TimeProvider clock, CancellationToken ct = default) => new Migrator(this, clock).ApplyAsync(ct);

    public async Task<T> ReadAsync<T>(Func<Session, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        return await work(new Session(connection, null, ct)).ConfigureAwait(false);
    }

    /// <summary>How long a write keeps retrying while another process holds the write lock.</summary>
    public static readonly TimeSpan BusyPatience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// One transaction. When another process holds the lock past the busy timeout (SQLITE_BUSY / LOCKED), nothing of
    /// this transaction was committed, so the whole work is run again, until <see cref="BusyPatience"/> is spent.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<Session, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var deadline = Environment.TickCount64 + (long)BusyPatience.TotalMilliseconds;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(work, ct).ConfigureAwait(false);
            }
            catch (SqliteException e) when (IsBusy(e) && Environment.TickCount64 < deadline)
            {
                await Task.Delay(Math.Min(50 * attempt, 500), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>SQLITE_BUSY (5) or SQLITE_LOCKED (6), with their extended codes.</summary>
    public static bool IsBusy(SqliteException e) => e is not null && (e.SqliteErrorCode & 0xFF) is 5 or 6;

    private async Task<T> WriteOnceAsync<T>(Func<Session, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        // Microsoft.Data.Sqlite opens a non-deferred (IMMEDIATE) transaction: the write lock is taken
        // up front, so two writers never deadlock on a lock upgrade.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct).ConfigureAwait(false);
        var result = await work(new Session(connection, transaction, ct)).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    public Task WriteAsync(Func<Session, Task> work, CancellationToken ct = default) =>
        WriteAsync<bool>(async s => { await work(s).ConfigureAwait(false); return true; }, ct);
}

/// <summary>One unit of work: a connection, its transaction when writing, and the repositories over them.</summary>
public sealed class Session(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken ct)
{
    public SqliteConnection Connection { get; } = connection;
    public SqliteTransaction? Transaction { get; } = transaction;
    public CancellationToken CancellationToken { get; } = ct;

    public OwnerRepository Owners => new(this);
    public ClientRepository Clients => new(this);
    public InvoiceRepository Invoices => new(this);
    public PaymentRepository Payments => new(this);
    public ConversationRepository Conversations => new(this);
    public EventLog Events => new(this);
    public SettingsRepository Settings => new(this);
    public RateRepository Rates => new(this);
    public DraftRepository Drafts => new(this);
    public OutboxRepository Outbox => new(this);
    public NoticeRepository Notices => new(this);
    public ScheduleRepository Schedule => new(this);
    public ChannelRepository Channels => new(this);
    public PlanRepository Plans => new(this);
    public ReputationRepository Reputation => new(this);
    public UsageRepository Usage => new(this);
    public InboxRepository Inbox => new(this);
    public BankRepository Bank => new(this);

    internal CommandDefinition Command(string sql, object? parameters = null) =>
        new(sql, parameters, Transaction, cancellationToken: CancellationToken);
}
