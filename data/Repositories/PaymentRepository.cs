using Dapper;

namespace Recouvrement.Data;

public sealed class PaymentRepository(Session s)
{
    public Task<long> InsertAsync(Payment payment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return s.Connection.ExecuteScalarAsync<long>(s.Command(
            """
            INSERT INTO payments (owner_id, invoice_id, amount_cents, currency, paid_on, created_at)
            VALUES (@OwnerId, @InvoiceId, @AmountCents, @Currency, @PaidOn, @Now)
            RETURNING id
            """,
            new { payment.OwnerId, payment.InvoiceId, payment.AmountCents, payment.Currency, payment.PaidOn, Now = SqlTime.Utc(now) }));
    }

    public async Task<IReadOnlyList<Payment>> ForClientAsync(long ownerId, long clientId)
    {
        var rows = await s.Connection.QueryAsync<Payment>(s.Command(
            """
            SELECT p.id, p.owner_id, p.invoice_id, p.amount_cents, p.currency, p.paid_on
            FROM payments p JOIN invoices i ON i.id = p.invoice_id
            WHERE p.owner_id = @OwnerId AND i.client_id = @ClientId
            ORDER BY p.paid_on, p.id
            """,
            new { OwnerId = ownerId, ClientId = clientId })).ConfigureAwait(false);
        return [.. rows];
    }
}
