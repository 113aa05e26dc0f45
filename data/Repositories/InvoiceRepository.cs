using Dapper;

namespace Recouvrement.Data;

public sealed class InvoiceRepository(Session s)
{
    private const string Columns =
        "i.id, i.owner_id, i.client_id, i.number, i.amount_cents, i.paid_cents, i.currency, i.issue_date, i.due_date, i.status";

    public static string? NumberKey(string? number) =>
        string.IsNullOrWhiteSpace(number) ? null : TextKey.Fold(number).Replace(" ", "", StringComparison.Ordinal).TrimStart('#');

    /// <exception cref="DuplicateInvoiceNumberException">The number is already used by this owner (taken meanwhile).</exception>
    public async Task<Invoice> InsertAsync(Invoice invoice, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        long id;
        try
        {
            id = await InsertRowAsync(invoice, now).ConfigureAwait(false);
        }
        catch (Exception e) when (Database.IsUniqueViolation(e) && invoice.Number is not null)
        {
            throw new DuplicateInvoiceNumberException(invoice.Number, e);
        }

        await s.Events.AppendAsync(invoice.OwnerId, actor, "invoice_logged", "invoice", id, new
        {
            invoice.ClientId,
            invoice.Number,
            invoice.AmountCents,
            invoice.Currency,
            IssueDate = invoice.IssueDate.ToString("yyyy-MM-dd"),
            DueDate = invoice.DueDate.ToString("yyyy-MM-dd"),
        }, now).ConfigureAwait(false);
        return invoice with { Id = id, Status = InvoiceStatuses.Open, PaidCents = 0 };
    }

    private Task<long> InsertRowAsync(Invoice invoice, DateTimeOffset now) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command(
            """
            INSERT INTO invoices (owner_id, client_id, number, number_key, amount_cents, paid_cents, currency, issue_date, due_date, status, created_at)
            VALUES (@OwnerId, @ClientId, @Number, @NumberKey, @AmountCents, 0, @Currency, @IssueDate, @DueDate, 'open', @Now)
            RETURNING id
            """,
            new
            {
                invoice.OwnerId,
                invoice.ClientId,
                invoice.Number,
                NumberKey = NumberKey(invoice.Number),
                invoice.AmountCents,
                invoice.Currency,
                invoice.IssueDate,
                invoice.DueDate,
                Now = SqlTime.Utc(now),
            }));

    public Task<Invoice?> GetAsync(long ownerId, long id) =>
        s.Connection.QuerySingleOrDefaultAsync<Invoice?>(s.Command(
            $"SELECT {Columns}, c.name AS client_name FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.owner_id = @OwnerId AND i.id = @Id",
            new { OwnerId = ownerId, Id = id }));

    public Task<Invoice?> FindByNumberAsync(long ownerId, string number) =>
        s.Connection.QuerySingleOrDefaultAsync<Invoice?>(s.Command(
            $"SELECT {Columns}, c.name AS client_name FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.owner_id = @OwnerId AND i.number_key = @NumberKey",
            new { OwnerId = ownerId, NumberKey = NumberKey(number) }));

    /// <summary>An open invoice identical in client, amount, currency and due date: a probable double entry.</summary>
    public Task<Invoice?> FindTwinAsync(long ownerId, long clientId, long amountCents, string currency, DateOnly dueDate) =>
        s.Connection.QueryFirstOrDefaultAsync<Invoice?>(s.Command(
            $"""
            SELECT {Columns} FROM invoices i
            WHERE i.owner_id = @OwnerId AND i.client_id = @ClientId AND i.amount_cents = @AmountCents
              AND i.currency = @Currency AND i.due_date = @DueDate AND i.status = 'open'
            """,
            new { OwnerId = ownerId, ClientId = clientId, AmountCents = amountCents, Currency = currency, DueDate = dueDate }));

    /// <summary>A client's open invoices, oldest due first: the order payments are applied in.</summary>
    public Task<IReadOnlyList<Invoice>> OpenForClientAsync(long ownerId, long clientId) => OpenForClientsAsync([ownerId], [clientId]);

    /// <summary>The open invoices of many clients of these owners at once, by client then due date.</summary>
    public async Task<IReadOnlyList<Invoice>> OpenForClientsAsync(IReadOnlyCollection<long> ownerIds, IReadOnlyCollection<long> clientIds) =>
        [.. await s.Connection.QueryAsync<Invoice>(s.Command(
            $"SELECT {Columns} FROM invoices i WHERE i.client_id {s.InIds("@Clients")} AND i.owner_id {s.InIds("@Owners")} AND i.status = 'open' ORDER BY i.client_id, i.due_date, i.id",
            new { Clients = s.Ids(clientIds), Owners = s.Ids(ownerIds) })).ConfigureAwait(false)];

    public async Task<IReadOnlyList<Invoice>> ForClientAsync(long ownerId, long clientId)
    {
        var rows = await s.Connection.QueryAsync<Invoice>(s.Command(
            $"SELECT {Columns} FROM invoices i WHERE i.owner_id = @OwnerId AND i.client_id = @ClientId ORDER BY i.due_date, i.id",
            new { OwnerId = ownerId, ClientId = clientId })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>Open invoices falling due between two dates (inclusive), soonest first.</summary>
    public async Task<IReadOnlyList<Invoice>> DueBetweenAsync(long ownerId, DateOnly from, DateOnly to, int limit = 200)
    {
        var rows = await s.Connection.QueryAsync<Invoice>(s.Command(
            $"""
            SELECT {Columns}, c.name AS client_name FROM invoices i JOIN clients c ON c.id = i.client_id
            WHERE i.owner_id = @OwnerId AND i.status = 'open' AND i.due_date >= @From AND i.due_date <= @To
            ORDER BY i.due_date, c.name_key, i.id
            LIMIT @Limit
            """,
            new { OwnerId = ownerId, From = from, To = to, Limit = limit })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>
    /// Open balances per client and currency with aging buckets by days late. Bucket limits are passed as dates,
    /// so the query needs no engine-specific date arithmetic.
    /// </summary>
    public async Task<IReadOnlyList<ClientBalance>> BalancesAsync(long ownerId, DateOnly today, long? clientId = null)
    {
        var rows = await s.Connection.QueryAsync<ClientBalance>(s.Command(
            $"""
            SELECT b.*, c.name AS client_name
            FROM ({BalanceRepository.Aggregate} WHERE i.owner_id = @OwnerId AND i.status = 'open' AND (@ClientId IS NULL OR i.client_id = @ClientId)
                  GROUP BY i.client_id, i.currency) b
            JOIN clients c ON c.id = b.client_id
            """,
            BalanceRepository.Parameters(ownerId, today, clientId))).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>
    /// Adds a payment to an open invoice. The guard in the UPDATE makes an overpayment or a payment on a closed
    /// invoice impossible even if two turns race: it then returns false and changes nothing.
    /// </summary>
    public async Task<bool> ApplyPaymentAsync(Invoice invoice, long amountCents, DateOnly paidOn, string actor, DateTimeOffset now) =>
        await RecordPaymentAsync(invoice, amountCents, paidOn, actor, now).ConfigureAwait(false) is not null;

    /// <summary>As <see cref="ApplyPaymentAsync"/>, returning the payment's id (for its undo button), or null.</summary>
    public Task<long?> RecordPaymentAsync(Invoice invoice, long amountCents, DateOnly paidOn, string actor, DateTimeOffset now) =>
        SettleAsync(invoice, amountCents, paidOn, PaymentKind.Payment, actor, now);

    /// <summary>Opens or closes a dispute on an invoice (open -> disputed, disputed -> open).</summary>
    public async Task<bool> SetDisputedAsync(long ownerId, long invoiceId, bool disputed, string actor, DateTimeOffset now)
    {
        var (from, to) = disputed ? (InvoiceStatuses.Open, InvoiceStatuses.Disputed) : (InvoiceStatuses.Disputed, InvoiceStatuses.Open);
        var changed = await s.Connection.ExecuteAsync(s.Command(
            "UPDATE invoices SET status = @To WHERE id = @Id AND owner_id = @OwnerId AND status = @From",
            new { To = to, From = from, Id = invoiceId, OwnerId = ownerId })).ConfigureAwait(false);
        if (changed == 1)
            await s.Events.AppendAsync(ownerId, actor, disputed ? "dispute_opened" : "dispute_resolved", "invoice", invoiceId, null, now).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<IReadOnlyList<Invoice>> ByIdsAsync(long ownerId, IReadOnlyCollection<long> ids)
    {
        var rows = await s.Connection.QueryAsync<Invoice>(s.Command(
            $"SELECT {Columns} FROM invoices i WHERE i.owner_id = @OwnerId AND i.id {s.In("@Ids")} ORDER BY i.due_date, i.id",
            new { OwnerId = ownerId, Ids = ids })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>
    /// A credit note (avoir) on an open invoice: lowers what is owed, closes the invoice when nothing is left.
    /// Recorded as a payment row of kind credit, so it can be undone like one.
    /// </summary>
    public Task<long?> ApplyCreditAsync(Invoice invoice, long amountCents, DateOnly on, string actor, DateTimeOffset now) =>
        SettleAsync(invoice, amountCents, on, PaymentKind.Credit, actor, now);

    /// <summary>
    /// Money received or a credit note: the invoice's paid amount goes up (closing it when nothing is left), a payments
    /// row and an event are written. A payment needs an open invoice; a credit note may also settle a disputed one.
    /// </summary>
    private async Task<long?> SettleAsync(Invoice invoice, long amountCents, DateOnly on, PaymentKind kind, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var statuses = kind == PaymentKind.Credit ? "('open', 'disputed')" : "('open')";
        var changed = await s.Connection.ExecuteAsync(s.Command(
            $"""
            UPDATE invoices
            SET paid_cents = paid_cents + @Amount,
                status = CASE WHEN paid_cents + @Amount >= amount_cents THEN 'paid' ELSE status END
            WHERE id = @Id AND owner_id = @OwnerId AND status IN {statuses} AND paid_cents + @Amount <= amount_cents
            """,
            new { Amount = amountCents, invoice.Id, invoice.OwnerId })).ConfigureAwait(false);
        if (changed != 1)
            return null;
        var id = await s.Payments.InsertAsync(new Payment
        {
            OwnerId = invoice.OwnerId,
            InvoiceId = invoice.Id,
            AmountCents = amountCents,
            Currency = invoice.Currency,
            PaidOn = on,
            Kind = kind,
        }, now).ConfigureAwait(false);
        var day = on.ToString("yyyy-MM-dd");
        if (kind == PaymentKind.Credit)
            await s.Events.AppendAsync(invoice.OwnerId, actor, "credit_note", "invoice", invoice.Id, new { PaymentId = id, AmountCents = amountCents, invoice.Currency, On = day }, now).ConfigureAwait(false);
        else
            await s.Events.AppendAsync(invoice.OwnerId, actor, "payment_recorded", "invoice", invoice.Id, new { PaymentId = id, AmountCents = amountCents, invoice.Currency, PaidOn = day }, now).ConfigureAwait(false);
        return id;
    }

    /// <summary>
    /// Corrects an invoice's amount, due date, client or number. The journal keeps the before and after; an amount
    /// below what was already paid is refused (false). A paid invoice whose amount grows reopens.
    /// </summary>
    public async Task<bool> CorrectAsync(Invoice before, Invoice after, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changed = await s.Connection.ExecuteAsync(s.Command(
            """
            UPDATE invoices
            SET amount_cents = @AmountCents, due_date = @DueDate, client_id = @ClientId, number = @Number, number_key = @NumberKey,
                status = CASE WHEN status IN ('open', 'paid') THEN (CASE WHEN paid_cents >= @AmountCents THEN 'paid' ELSE 'open' END) ELSE status END
            WHERE id = @Id AND owner_id = @OwnerId AND paid_cents <= @AmountCents AND status <> 'cancelled'
              AND amount_cents = @OldAmount AND due_date = @OldDue AND client_id = @OldClient
            """,
            new
            {
                after.AmountCents,
                after.DueDate,
                after.ClientId,
                after.Number,
                NumberKey = NumberKey(after.Number),
                before.Id,
                before.OwnerId,
                OldAmount = before.AmountCents,
                OldDue = before.DueDate,
                OldClient = before.ClientId,
            })).ConfigureAwait(false);
        if (changed != 1)
            return false;
        await s.Events.AppendAsync(before.OwnerId, actor, "invoice_corrected", "invoice", before.Id, new
        {
            Before = new { before.AmountCents, DueDate = before.DueDate.ToString("yyyy-MM-dd"), before.ClientId, before.Number },
            After = new { after.AmountCents, DueDate = after.DueDate.ToString("yyyy-MM-dd"), after.ClientId, after.Number },
        }, now).ConfigureAwait(false);
        return true;
    }

    /// <summary>The owner's latest invoices still standing (not cancelled), newest first.</summary>
    public async Task<IReadOnlyList<Invoice>> LatestAsync(long ownerId, int limit = 5)
    {
        var rows = await s.Connection.QueryAsync<Invoice>(s.Command(
            $"SELECT {Columns}, c.name AS client_name FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.owner_id = @OwnerId AND i.status <> 'cancelled' ORDER BY i.id DESC LIMIT @Limit",
            new { OwnerId = ownerId, Limit = limit })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>Every open invoice of an owner with its client's name (bank reconciliation).</summary>
    public async Task<IReadOnlyList<Invoice>> OpenAsync(long ownerId)
    {
        var rows = await s.Connection.QueryAsync<Invoice>(s.Command(
            $"SELECT {Columns}, i.payment_reference, c.name AS client_name FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.owner_id = @OwnerId AND i.status = 'open'",
            new { OwnerId = ownerId })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>Sets the reference a debtor quotes on a transfer.</summary>
    public Task SetPaymentReferenceAsync(long ownerId, long invoiceId, string reference) =>
        s.Connection.ExecuteAsync(s.Command(
            "UPDATE invoices SET payment_reference = @Reference WHERE owner_id = @OwnerId AND id = @Id", new { OwnerId = ownerId, Id = invoiceId, Reference = reference }));

    /// <summary>Every invoice of an owner with its client, in issue order (the export).</summary>
    public async Task<IReadOnlyList<Invoice>> AllAsync(long ownerId)
    {
        var rows = await s.Connection.QueryAsync<Invoice>(s.Command(
            $"SELECT {Columns}, c.name AS client_name FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.owner_id = @OwnerId ORDER BY i.issue_date, i.id",
            new { OwnerId = ownerId })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>The largest invoice amount an owner has logged (cancelled ones left out); 0 when none.</summary>
    public Task<long> LargestAsync(long ownerId) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command(
            "SELECT COALESCE((SELECT amount_cents FROM invoices WHERE owner_id = @OwnerId AND status <> 'cancelled' ORDER BY amount_cents DESC LIMIT 1), 0)", new { OwnerId = ownerId }));

    /// <summary>Invoices settled in full, latest due first.</summary>
    public async Task<IReadOnlyList<Invoice>> PaidAsync(long ownerId, int limit = 50)
    {
        var rows = await s.Connection.QueryAsync<Invoice>(s.Command(
            $"SELECT {Columns}, c.name AS client_name FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.owner_id = @OwnerId AND i.status = 'paid' ORDER BY i.due_date DESC, i.id DESC LIMIT @Limit",
            new { OwnerId = ownerId, Limit = limit })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>Amounts invoiced (issue date) between two days inclusive, per currency; cancelled invoices left out.</summary>
    public async Task<IReadOnlyList<(string Currency, long Cents, int Count)>> InvoicedBetweenAsync(long ownerId, DateOnly from, DateOnly to)
    {
        var rows = await s.Connection.QueryAsync<(string, long, int)>(s.Command(
            """
            SELECT currency, SUM(amount_cents), COUNT(*) FROM invoices
            WHERE owner_id = @OwnerId AND status <> 'cancelled' AND issue_date >= @From AND issue_date <= @To
            GROUP BY currency ORDER BY currency
            """,
            new { OwnerId = ownerId, From = from, To = to })).ConfigureAwait(false);
        return [.. rows];
    }

    public async Task<bool> CancelAsync(long ownerId, long invoiceId, string actor, DateTimeOffset now)
    {
        var changed = await s.Connection.ExecuteAsync(s.Command(
            "UPDATE invoices SET status = 'cancelled' WHERE id = @Id AND owner_id = @OwnerId AND status = 'open' AND paid_cents = 0",
            new { Id = invoiceId, OwnerId = ownerId })).ConfigureAwait(false);
        if (changed != 1)
            return false;
        await s.Events.AppendAsync(ownerId, actor, "invoice_cancelled", "invoice", invoiceId, null, now).ConfigureAwait(false);
        return true;
    }
}

/// <summary>An invoice number this owner already uses: the insert changed nothing.</summary>
public sealed class DuplicateInvoiceNumberException : Exception
{
    public DuplicateInvoiceNumberException()
    {
    }

    public DuplicateInvoiceNumberException(string message)
        : base(message)
    {
    }

    public DuplicateInvoiceNumberException(string number, Exception inner)
        : base($"Invoice number {number} is already used.", inner)
    {
    }
}
