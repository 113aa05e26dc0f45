using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Recouvrement.Data;

/// <summary>Which engine holds the store.</summary>
public enum StoreKind
{
    /// <summary>The embedded default: one file, one writer at a time.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (a connection string with <c>Host=</c>): several instances on one database.</summary>
    Postgres,
}

/// <summary>
/// The store: hands out short-lived pooled connections and runs work inside read or write sessions. A write session
/// is one transaction (SQLite: IMMEDIATE, the file's write lock taken up front; PostgreSQL: SERIALIZABLE), retried
/// whole when the engine says it must be, so a crash or a conflict either keeps all of a turn's changes or none.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private const int BusyTimeoutMs = 5000;

    /// <summary>
    /// Reads map the file instead of copying each page into the connection's 2 MB cache: the morning pass touches every
    /// owner's rows once, and copying them page by page was a fifth of its time (1 GB store, 10 000 owners).
    /// </summary>
    private const long MmapBytes = 1L << 30;

    /// <summary>WAL pages a commit lets pile up before it copies them into the file: SQLite's default.</summary>
    private const int WalCheckpointPages = 1_000;

    /// <summary>The same for a long batch of writes (<see cref="Session.DeferCheckpointsAsync"/>).</summary>
    internal const int BatchWalCheckpointPages = 10_000;
    private readonly NpgsqlDataSource? _postgres;

    static Database() => SqlTypeHandlers.Register();

    public Database(string pathOrConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrConnectionString);
        if (IsPostgres(pathOrConnectionString))
        {
            Kind = StoreKind.Postgres;
            var pg = new NpgsqlConnectionStringBuilder(pathOrConnectionString);
            // A dead server is found out quickly and said, rather than hanging a turn.
            if (!pathOrConnectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
                pg.Timeout = 5;
            ConnectionString = pg.ToString();
            _postgres = NpgsqlDataSource.Create(pg);
            return;
        }

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

    public StoreKind Kind { get; }

    /// <summary>A connection string naming a host is a PostgreSQL server; anything else is a SQLite file.</summary>
    public static bool IsPostgres(string connectionString) =>
        connectionString is not null && (connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase));

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

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken ct = default)
    {
        if (_postgres is not null)
            return await _postgres.OpenConnectionAsync(ct).ConfigureAwait(false);
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        // busy_timeout is per connection: two bot instances on one file wait instead of failing.
        using var pragma = connection.CreateCommand();
        // A pooled connection can come back still inside a transaction (seen under saturation: « cannot start a
        // transaction within a transaction » on the next BEGIN): it is rolled back, so every use starts clean and a
        // read never sees an old snapshot.
        // temp_store: a statement that may have to undo itself halfway (a multi-row write with a constraint or a trigger)
        // copies each page it changes to a statement journal, spilled to a temporary file past 64 KiB: two write calls
        // per page, ~22 000 a 10 000-owner morning (issue 17), for a journal never read unless the statement fails.
        var settings = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA mmap_size = {MmapBytes}; PRAGMA wal_autocheckpoint = {WalCheckpointPages}; PRAGMA temp_store = MEMORY;";
        pragma.CommandText = SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0 ? "ROLLBACK; " + settings : settings;
        await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return connection;
    }

    public Task MigrateAsync(CancellationToken ct = default) => MigrateAsync(TimeProvider.System, ct);

    public Task MigrateAsync(TimeProvider clock, CancellationToken ct = default) => new Migrator(this, clock).ApplyAsync(ct);

    /// <summary>The migrations up to a version only: upgrade tests fill a store as it was, then migrate it.</summary>
    internal Task MigrateUpToAsync(string version, CancellationToken ct = default) => new Migrator(this, TimeProvider.System, version).ApplyAsync(ct);

    public async Task<T> ReadAsync<T>(Func<Session, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        return await work(new Session(connection, null, ct, Kind)).ConfigureAwait(false);
    }

    /// <summary>How long a write keeps retrying while another process holds the write lock.</summary>
    public static readonly TimeSpan BusyPatience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// One transaction. When another process holds the lock past the busy timeout (SQLITE_BUSY / LOCKED), nothing of
    /// this transaction was committed, so the whole work is run again, until <see cref="BusyPatience"/> is spent.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<Session, Task<T>> work, CancellationToken ct = default) =>
        await WriteAsync(work, IsolationLevel.Serializable, ct).ConfigureAwait(false);

    /// <summary>
    /// As <see cref="WriteAsync{T}(Func{Session, Task{T}}, CancellationToken)"/>, at a chosen isolation on PostgreSQL
    /// (READ COMMITTED for a queue claimed with SKIP LOCKED: many consumers, no conflicts to retry). SQLite always has
    /// one writer at a time.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<Session, Task<T>> work, IsolationLevel isolation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var deadline = Environment.TickCount64 + (long)BusyPatience.TotalMilliseconds;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(work, isolation, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && Environment.TickCount64 < deadline)
            {
                await Task.Delay(Math.Min(50 * attempt, 500), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>SQLITE_BUSY (5) or SQLITE_LOCKED (6), with their extended codes.</summary>
    public static bool IsBusy(SqliteException e) => e is not null && (e.SqliteErrorCode & 0xFF) is 5 or 6;

    /// <summary>
    /// Worth running the whole transaction again: SQLite busy or locked; PostgreSQL serialization failure (40001),
    /// deadlock (40P01), or a connection lost or refused (the server restarting) — nothing of it was committed.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        SqliteException sqlite => IsBusy(sqlite),
        PostgresException pg => pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    /// <summary>A unique constraint refused the row (SQLite 19 UNIQUE, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Drops idle pooled connections (memory back to the system; files closed).</summary>
    public void ClearPools()
    {
        if (_postgres is not null)
            NpgsqlConnection.ClearAllPools();
        else
            SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
            await _postgres.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The owner's clients with something open, from the balances kept up to date (one row per client and currency):
    /// read as they are when they are for <paramref name="today"/>, else rebuilt once for the new day.
    /// </summary>
    public async Task<IReadOnlyList<ClientBalance>> BalancesAsync(long ownerId, DateOnly today, CancellationToken ct = default)
    {
        var fresh = await ReadAsync(async s => await s.Balances.AsOfAsync(ownerId).ConfigureAwait(false) == today
            ? await s.Balances.ReadAsync(ownerId).ConfigureAwait(false)
            : null, ct).ConfigureAwait(false);
        return fresh ?? await WriteAsync(async s =>
        {
            await s.Balances.AdvanceAsync([(ownerId, today)]).ConfigureAwait(false);
            return await s.Balances.ReadAsync(ownerId).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    private async Task<T> WriteOnceAsync<T>(Func<Session, Task<T>> work, IsolationLevel isolation, CancellationToken ct)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        // SQLite: a non-deferred (IMMEDIATE) transaction takes the write lock up front, so two writers never deadlock
        // on a lock upgrade. PostgreSQL: SERIALIZABLE, so « check, then write » inside one turn stays true across
        // instances; a conflict aborts one side, which runs again.
        await using var transaction = await connection.BeginTransactionAsync(Kind == StoreKind.Postgres ? isolation : IsolationLevel.Serializable, ct).ConfigureAwait(false);
        var result = await work(new Session(connection, transaction, ct, Kind)).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    public Task WriteAsync(Func<Session, Task> work, CancellationToken ct = default) =>
        WriteAsync<bool>(async s => { await work(s).ConfigureAwait(false); return true; }, ct);
}

/// <summary>One unit of work: a connection, its transaction when writing, and the repositories over them.</summary>
public sealed class Session(DbConnection connection, DbTransaction? transaction, CancellationToken ct, StoreKind kind = StoreKind.Sqlite)
{
    public DbConnection Connection { get; } = connection;
    public DbTransaction? Transaction { get; } = transaction;

    /// <summary>The engine, for the few statements that differ (locking rows, advisory locks).</summary>
    public StoreKind Kind { get; } = kind;
    public CancellationToken CancellationToken { get; } = ct;

    public OwnerRepository Owners => new(this);
    public ClientRepository Clients => new(this);
    public InvoiceRepository Invoices => new(this);
    public PaymentRepository Payments => new(this);
    public ConversationRepository Conversations => new(this);
    public EventLog Events => new(this);
    public SettingsRepository Settings => new(this);
    public RateRepository Rates => new(this);

    /// <summary>The rate table as this session read it (<see cref="RateRepository"/>); dropped when it writes rates.</summary>
    internal IReadOnlyList<Rate>? CachedRates { get; set; }
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
    public BalanceRepository Balances => new(this);

    /// <summary>
    /// « IN @Ids » for a list parameter: SQLite gets the list expanded by Dapper; PostgreSQL gets it as one array
    /// (Dapper passes lists to Npgsql as arrays), which « = ANY (…) » takes.
    /// </summary>
    internal string In(string parameter) => Kind == StoreKind.Postgres ? $"= ANY ({parameter})" : $"IN {parameter}";

    /// <summary>
    /// « IN » a list of ids given as one parameter made by <see cref="Ids"/>: on SQLite a JSON array read by json_each,
    /// because a list expanded into one parameter per id costs a scan per parameter to bind (200 owners: ~0.8 ms a
    /// statement, a quarter of the morning pass); PostgreSQL takes the array.
    /// </summary>
    internal string InIds(string parameter) => Kind == StoreKind.Postgres ? $"= ANY ({parameter})" : $"IN (SELECT value FROM json_each({parameter}))";

    /// <summary>The ids of a parameter made by <see cref="Ids"/> as rows of one column, <c>id</c>.</summary>
    internal string IdRows(string parameter) => Kind == StoreKind.Postgres ? $"SELECT unnest({parameter}) AS id" : $"SELECT value AS id FROM json_each({parameter})";

    /// <summary>The value of a parameter used with <see cref="InIds"/>.</summary>
    internal object Ids(IEnumerable<long> ids) => Kind == StoreKind.Postgres
        ? ids.ToArray()
        : "[" + string.Join(',', ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    /// <summary>Rows per multi-row statement on PostgreSQL (a parameter per value).</summary>
    private const int RowsPerStatement = 64;

    private const string Slot = "VALUES {rows}";

    /// <summary>
    /// Runs <paramref name="sql"/> for <paramref name="rows"/>: <c>VALUES {rows}</c> in it becomes the rows, each row's
    /// values in column order (numbers, text, booleans or null). <paramref name="longText"/>: rows carrying long texts
    /// (messages), written differently on SQLite (see <see cref="RunRowsAsync"/>).
    /// </summary>
    internal async Task ExecuteRowsAsync<TRow>(string sql, IEnumerable<TRow> rows, Func<TRow, object?[]> values, bool longText = false) =>
        await RunRowsAsync<TRow, object>(sql, rows, values, read: false, longText).ConfigureAwait(false);

    /// <summary>As <see cref="ExecuteRowsAsync"/>, for a statement that returns rows (RETURNING): all of them.</summary>
    internal Task<List<T>> QueryRowsAsync<TRow, T>(string sql, IEnumerable<TRow> rows, Func<TRow, object?[]> values, bool longText = false) =>
        RunRowsAsync<TRow, T>(sql, rows, values, read: true, longText);

    /// <summary>
    /// On SQLite, short rows go as one JSON parameter read by json_each (Microsoft.Data.Sqlite finds each named parameter
    /// by a scan, so 64 rows of 4 values a statement cost 21 µs a row; one JSON array about a tenth). Rows with long
    /// texts go as one single-row statement prepared once and run per row, its values bound by position: json_extract
    /// parses the row again for each column (a morning's 10 000 digests: 65 ms as JSON, 28 ms this way, which is slower
    /// than JSON for short rows). On PostgreSQL, 64-row VALUES lists.
    /// </summary>
    private async Task<List<T>> RunRowsAsync<TRow, T>(string sql, IEnumerable<TRow> rows, Func<TRow, object?[]> values, bool read, bool longText)
    {
        if (!sql.Contains(Slot, StringComparison.Ordinal))
            throw new ArgumentException($"The statement has no « {Slot} ».", nameof(sql));
        if (Kind == StoreKind.Sqlite)
            return longText ? RowByRow<TRow, T>(sql, rows, values, read) : await AsJsonAsync<TRow, T>(sql, rows, values, read).ConfigureAwait(false);

        var results = new List<T>();
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var parameters = new DynamicParameters();
            var tuples = new List<string>(chunk.Length);
            for (var i = 0; i < chunk.Length; i++)
            {
                var row = values(chunk[i]);
                for (var j = 0; j < row.Length; j++)
                    parameters.Add($"R{i}C{j}", row[j]);
                tuples.Add($"({string.Join(", ", Enumerable.Range(0, row.Length).Select(j => $"@R{i}C{j}"))})");
            }

            var command = Command(sql.Replace("{rows}", string.Join(", ", tuples), StringComparison.Ordinal), parameters);
            if (read)
                results.AddRange(await Connection.QueryAsync<T>(command).ConfigureAwait(false));
            else
                await Connection.ExecuteAsync(command).ConfigureAwait(false);
        }

        return results;
    }

    private async Task<List<T>> AsJsonAsync<TRow, T>(string sql, IEnumerable<TRow> rows, Func<TRow, object?[]> values, bool read)
    {
        var all = rows.Select(values).ToList();
        if (all.Count == 0)
            return [];
        var columns = string.Join(", ", Enumerable.Range(0, all[0].Length).Select(j => $"json_extract(value, '$[{j}]')"));
        // WHERE TRUE: an upsert after INSERT … SELECT needs it, or SQLite reads ON CONFLICT as a join's ON.
        var command = Command(sql.Replace(Slot, $"SELECT {columns} FROM json_each(@Rows) WHERE TRUE", StringComparison.Ordinal),
            new { Rows = System.Text.Json.JsonSerializer.Serialize(all) });
        if (read)
            return [.. await Connection.QueryAsync<T>(command).ConfigureAwait(false)];
        await Connection.ExecuteAsync(command).ConfigureAwait(false);
        return [];
    }

    private List<T> RowByRow<TRow, T>(string sql, IEnumerable<TRow> rows, Func<TRow, object?[]> values, bool read)
    {
        var results = new List<T>();
        SqliteCommand? command = null;
        Func<DbDataReader, T>? parse = null;
        try
        {
            foreach (var row in rows)
            {
                CancellationToken.ThrowIfCancellationRequested();
                var v = values(row);
                if (command is null)
                {
                    command = ((SqliteConnection)Connection).CreateCommand();
                    command.Transaction = (SqliteTransaction?)Transaction;
                    command.CommandText = sql.Replace(Slot, $"VALUES ({string.Join(", ", Enumerable.Range(1, v.Length).Select(j => $"?{j}"))})", StringComparison.Ordinal);
                    for (var j = 1; j <= v.Length; j++)
                        command.Parameters.Add(new SqliteParameter { ParameterName = $"?{j}" });
                    command.Prepare();
                }

                for (var j = 0; j < v.Length; j++)
                    command.Parameters[j].Value = v[j] ?? DBNull.Value;
                if (!read)
                {
                    command.ExecuteNonQuery();
                    continue;
                }

                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    parse ??= reader.GetRowParser<T>();
                    results.Add(parse(reader));
                }
            }
        }
        finally
        {
            command?.Dispose();
        }

        return results;
    }

    /// <summary>
    /// For a long batch of writes (the morning pass): on SQLite this connection's commits let 10 000 WAL pages pile up
    /// before checkpointing instead of 1 000, until it is next handed out. A morning writes ~14 000 pages; checkpointing
    /// every 1 000 copied the same hot pages again and synced the file a dozen times (10 000 owners on disk: steady
    /// weekday 1.03 -> 0.92-0.98 s). Kept to the pass: a turn gains nothing from it, and reads recent pages through a
    /// larger WAL index.
    /// </summary>
    public async Task DeferCheckpointsAsync()
    {
        if (Kind == StoreKind.Sqlite)
            await Connection.ExecuteAsync(Command($"PRAGMA wal_autocheckpoint = {Database.BatchWalCheckpointPages}")).ConfigureAwait(false);
    }

    internal CommandDefinition Command(string sql, object? parameters = null) =>
        new(sql, parameters, Transaction, cancellationToken: CancellationToken);
}
