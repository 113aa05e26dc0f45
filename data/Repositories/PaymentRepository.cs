using Dapper;

namespace Recouvrement.Data;

public sealed class PaymentRepository(Session s)
{
    public Task<long> InsertAsync(Payment payment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return s.Connection.ExecuteScalarAsync<long>(s.Command(
            """
            INSERT INTO payments (owner_id, invoice_id, amount_cents, currency, paid_on, created_at, kind)
            VALUES (@OwnerId, @InvoiceId, @AmountCents, @Currency, @PaidOn, @Now, @Kind)
            RETURNING id
            """,
            new { payment.OwnerId, payment.InvoiceId, payment.AmountCents, payment.Currency, payment.PaidOn, Now = SqlTime.Utc(now), Kind = KindText(payment.Kind) }));
    }

    public async Task<IReadOnlyList<Payment>> ForClientAsync(long ownerId, long clientId) =>
        [.. (await ForClientsAsync([ownerId], [clientId]).ConfigureAwait(false)).Select(x => x.Payment)];

    /// <summary>The payments (not undone) on the invoices of many clients of these owners at once, with each one's client.</summary>
    public async Task<IReadOnlyList<(long ClientId, Payment Payment)>> ForClientsAsync(IReadOnlyCollection<long> ownerIds, IReadOnlyCollection<long> clientIds) =>
        [.. await s.Connection.QueryAsync<long, Payment, (long, Payment)>(s.Command(
            $"""
            SELECT i.client_id, p.id, p.owner_id, p.invoice_id, p.amount_cents, p.currency, p.paid_on, CASE p.kind WHEN 'credit' THEN 1 ELSE 0 END AS kind
            FROM payments p JOIN invoices i ON i.id = p.invoice_id
            WHERE i.client_id {s.InIds("@Clients")} AND p.owner_id {s.InIds("@Owners")} AND p.voided_at IS NULL
            ORDER BY p.paid_on, p.id
            """,
            new { Clients = s.Ids(clientIds), Owners = s.Ids(ownerIds) }), (clientId, payment) => (clientId, payment), splitOn: "id").ConfigureAwait(false)];

    internal static string KindText(PaymentKind kind) => kind == PaymentKind.Credit ? "credit" : "payment";

    private const string Joined =
        """
        SELECT p.id, p.owner_id, p.invoice_id, p.amount_cents, p.currency, p.paid_on, CASE p.kind WHEN 'credit' THEN 1 ELSE 0 END AS kind,
               p.voided_at, i.client_id, c.name AS client_name, i.number AS invoice_number
        FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id
        """;

    /// <summary>The latest payments still standing (not undone), newest first; of one client when given.</summary>
    public async Task<IReadOnlyList<Payment>> LatestAsync(long ownerId, long? clientId = null, int limit = 5)
    {
        var rows = await s.Connection.QueryAsync<Payment>(s.Command(
            $"{Joined} WHERE p.owner_id = @OwnerId AND p.voided_at IS NULL AND (@ClientId IS NULL OR i.client_id = @ClientId) ORDER BY p.id DESC LIMIT @Limit",
            new { OwnerId = ownerId, ClientId = clientId, Limit = limit })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>Every payment and credit note of an owner, undone ones included, by date (the export).</summary>
    public async Task<IReadOnlyList<Payment>> AllAsync(long ownerId)
    {
        var rows = await s.Connection.QueryAsync<Payment>(s.Command($"{Joined} WHERE p.owner_id = @OwnerId ORDER BY p.paid_on, p.id", new { OwnerId = ownerId })).ConfigureAwait(false);
        return [.. rows];
    }

    public Task<Payment?> GetAsync(long ownerId, long id) =>
        s.Connection.QuerySingleOrDefaultAsync<Payment?>(s.Command($"{Joined} WHERE p.owner_id = @OwnerId AND p.id = @Id", new { OwnerId = ownerId, Id = id }));

    /// <summary>Payments of this client on this day still standing, with their total: to spot a double entry.</summary>
    public Task<long> SameDayTotalAsync(long ownerId, long clientId, DateOnly paidOn) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command(
            """
            SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p JOIN invoices i ON i.id = p.invoice_id
            WHERE p.owner_id = @OwnerId AND i.client_id = @ClientId AND p.paid_on = @PaidOn AND p.kind = 'payment' AND p.voided_at IS NULL
            """,
            new { OwnerId = ownerId, ClientId = clientId, PaidOn = paidOn }));

    /// <summary>Money received between two days (inclusive), per currency: credit notes and undone payments left out.</summary>
    public async Task<IReadOnlyList<(string Currency, long Cents, int Count)>> ReceivedBetweenAsync(long ownerId, DateOnly from, DateOnly to)
    {
        var rows = await s.Connection.QueryAsync<(string, long, int)>(s.Command(
            """
            SELECT currency, SUM(amount_cents), COUNT(*) FROM payments
            WHERE owner_id = @OwnerId AND kind = 'payment' AND voided_at IS NULL AND paid_on >= @From AND paid_on <= @To
            GROUP BY currency ORDER BY currency
            """,
            new { OwnerId = ownerId, From = from, To = to })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>
    /// Undoes a payment: the row stays (voided), the invoice's paid amount goes back down and a paid invoice reopens.
    /// False when it was already undone or belongs to another owner.
    /// </summary>
    public async Task<bool> VoidAsync(long ownerId, long paymentId, string actor, DateTimeOffset now)
    {
        var payment = await GetAsync(ownerId, paymentId).ConfigureAwait(false);
        if (payment is null || payment.VoidedAt is not null)
            return false;
        var voided = await s.Connection.ExecuteAsync(s.Command(
            "UPDATE payments SET voided_at = @Now WHERE id = @Id AND owner_id = @OwnerId AND voided_at IS NULL",
            new { Now = SqlTime.Utc(now), Id = paymentId, OwnerId = ownerId })).ConfigureAwait(false);
        if (voided != 1)
            return false;
        await s.Connection.ExecuteAsync(s.Command(
            """
            UPDATE invoices SET paid_cents = paid_cents - @Amount,
                   status = CASE WHEN status = 'paid' THEN 'open' ELSE status END
            WHERE id = @InvoiceId AND owner_id = @OwnerId
            """,
            new { Amount = payment.AmountCents, payment.InvoiceId, OwnerId = ownerId })).ConfigureAwait(false);
        await s.Events.AppendAsync(ownerId, actor, payment.Kind == PaymentKind.Credit ? "credit_note_voided" : "payment_voided", "invoice", payment.InvoiceId,
            new { PaymentId = paymentId, payment.AmountCents, payment.Currency }, now).ConfigureAwait(false);
        if (payment.Kind == PaymentKind.Payment)
            await s.Plans.DeallocateAsync(ownerId, payment.ClientId, payment.AmountCents).ConfigureAwait(false);
        return true;
    }
}
