using Dapper;

namespace Recouvrement.Data;

/// <summary>Statement lines already seen and the payer accounts an owner confirmed.</summary>
public sealed class BankRepository(Session s)
{
    /// <summary>Keys of lines that must not be taken again: recorded, debits, and those the owner turned down.</summary>
    public async Task<IReadOnlySet<string>> SettledKeysAsync(long ownerId)
    {
        var rows = await s.Connection.QueryAsync<string>(s.Command(
            "SELECT line_key FROM bank_lines WHERE owner_id = @OwnerId AND status IN ('recorded', 'debit', 'rejected')", new { OwnerId = ownerId })).ConfigureAwait(false);
        return rows.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Remembers a line; a line seen before keeps its key and takes the new status.</summary>
    public Task RememberAsync(long ownerId, string key, DateOnly bookedOn, long amountCents, string currency, string label, string status, DateTimeOffset now) =>
        s.Connection.ExecuteAsync(s.Command(
            """
            INSERT INTO bank_lines (owner_id, line_key, booked_on, amount_cents, currency, label, status, created_at)
            VALUES (@OwnerId, @Key, @BookedOn, @AmountCents, @Currency, @Label, @Status, @Now)
            ON CONFLICT (owner_id, line_key) DO UPDATE SET status = excluded.status
            """,
            new { OwnerId = ownerId, Key = key, BookedOn = bookedOn, AmountCents = amountCents, Currency = currency, Label = label, Status = status, Now = SqlTime.Utc(now) }));

    public async Task<IReadOnlyDictionary<string, long>> PayerAccountsAsync(long ownerId)
    {
        var rows = await s.Connection.QueryAsync<(string Iban, long ClientId)>(s.Command(
            "SELECT iban, client_id FROM payer_accounts WHERE owner_id = @OwnerId", new { OwnerId = ownerId })).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Iban, r => r.ClientId, StringComparer.Ordinal);
    }

    public Task RememberPayerAsync(long ownerId, string iban, long clientId) =>
        s.Connection.ExecuteAsync(s.Command(
            "INSERT INTO payer_accounts (owner_id, iban, client_id) VALUES (@OwnerId, @Iban, @ClientId) ON CONFLICT (owner_id, iban) DO UPDATE SET client_id = excluded.client_id",
            new { OwnerId = ownerId, Iban = iban, ClientId = clientId }));

    /// <summary>Keeps a file sent in the chat until its preview is answered; returns its id.</summary>
    public Task<long> KeepFileAsync(long ownerId, string name, byte[] content, DateTimeOffset now) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command(
            "INSERT INTO pending_imports (owner_id, name, content, created_at) VALUES (@OwnerId, @Name, @Content, @Now) RETURNING id",
            new { OwnerId = ownerId, Name = name, Content = content, Now = SqlTime.Utc(now) }));

    /// <summary>The file, only for the owner who sent it.</summary>
    public Task<byte[]?> FileAsync(long ownerId, long id) =>
        s.Connection.ExecuteScalarAsync<byte[]?>(s.Command(
            "SELECT content FROM pending_imports WHERE owner_id = @OwnerId AND id = @Id", new { OwnerId = ownerId, Id = id }));

    public Task<int> DropFileAsync(long ownerId, long id) =>
        s.Connection.ExecuteAsync(s.Command("DELETE FROM pending_imports WHERE owner_id = @OwnerId AND id = @Id", new { OwnerId = ownerId, Id = id }));
}
