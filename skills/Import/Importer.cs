using Recouvrement.Data;

namespace Recouvrement.Skills.Import;

/// <summary>What an invoice file will do to the book: rows to save, clients to create, rows refused and why.</summary>
public sealed record InvoicePlan(InvoiceRead Read, IReadOnlyList<ImportedInvoice> ToSave, IReadOnlyList<RowError> Refused, int NewClients, IReadOnlyDictionary<string, long> TotalsByCurrency);

public sealed record InvoiceImportResult(int Saved, int ClientsCreated, IReadOnlyList<long> InvoiceIds);

public sealed record StatementResult(int Recorded, long RecordedCents, int Rejected);

/// <summary>
/// Brings files into the book. Reading and deciding are apart from writing: a preview changes nothing; saving an
/// invoice file is one transaction (all good rows, or none); each confirmed bank match records its payments and the
/// line, so a statement imported twice records nothing twice.
/// </summary>
public sealed class Importer(Database db)
{
    public const string Actor = "import";

    public async Task<InvoicePlan> PlanInvoicesAsync(long ownerId, InvoiceRead read, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return await db.ReadAsync(async s =>
        {
            var refused = new List<RowError>(read.Errors);
            var save = new List<ImportedInvoice>();
            var newKeys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in read.Rows)
            {
                if (row.CreditNote)
                {
                    refused.Add(new RowError(row.Line, RowProblem.CreditNoteWithoutInvoice, row.Number));
                    continue;
                }

                if (row.Number is not null && await s.Invoices.FindByNumberAsync(ownerId, row.Number).ConfigureAwait(false) is not null)
                {
                    refused.Add(new RowError(row.Line, RowProblem.AlreadyKnown, row.Number));
                    continue;
                }

                save.Add(row);
                if (await FindClientAsync(s, ownerId, row).ConfigureAwait(false) is null)
                    newKeys.Add(TextKey.Key(row.Client));
            }

            refused.Sort((a, b) => a.Line.CompareTo(b.Line));
            var totals = save.GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.Sum(r => r.AmountCents), StringComparer.Ordinal);
            return new InvoicePlan(read, save, refused, newKeys.Count, totals);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Saves the plan's rows in one transaction, at <paramref name="now"/>; progress reports rows done.</summary>
    public async Task<InvoiceImportResult> SaveInvoicesAsync(long ownerId, InvoicePlan plan, DateTimeOffset now, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return await db.WriteAsync(async s =>
        {
            var created = 0;
            var ids = new List<long>(plan.ToSave.Count);
            var clients = new Dictionary<string, long>(StringComparer.Ordinal);
            var done = 0;
            foreach (var row in plan.ToSave)
            {
                var key = TextKey.Key(row.Client);
                if (!clients.TryGetValue(key, out var clientId))
                {
                    var client = await FindClientAsync(s, ownerId, row).ConfigureAwait(false);
                    if (client is null)
                    {
                        client = await s.Clients.CreateAsync(new Client
                        {
                            OwnerId = ownerId,
                            Name = row.Client.Trim(),
                            NameKey = key,
                            Siren = row.Siren,
                            Email = row.Email,
                            Kind = Understanding.PersonNames.LooksLikePerson(row.Client) ? ClientKinds.Individual : ClientKinds.Company,
                        }, Actor, now).ConfigureAwait(false);
                        created++;
                    }

                    clientId = client.Id;
                    clients[key] = clientId;
                }

                var invoice = await s.Invoices.InsertAsync(new Invoice
                {
                    OwnerId = ownerId,
                    ClientId = clientId,
                    Number = row.Number,
                    AmountCents = row.AmountCents,
                    Currency = row.Currency,
                    IssueDate = row.IssueDate,
                    DueDate = row.DueDate,
                }, Actor, now).ConfigureAwait(false);
                if (row.PaymentReference is not null)
                    await s.Invoices.SetPaymentReferenceAsync(ownerId, invoice.Id, row.PaymentReference).ConfigureAwait(false);
                ids.Add(invoice.Id);
                done++;
                if (done % 250 == 0)
                    progress?.Report(done);
            }

            progress?.Report(done);
            return new InvoiceImportResult(ids.Count, created, ids);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>A client is the same one by SIREN, else by exact name key; otherwise it is new (never a guess between two).</summary>
    private static async Task<Client?> FindClientAsync(Session s, long ownerId, ImportedInvoice row) =>
        (row.Siren is not null ? await s.Clients.FindBySirenAsync(ownerId, row.Siren).ConfigureAwait(false) : null)
        ?? await s.Clients.FindByKeyAsync(ownerId, TextKey.Key(row.Client)).ConfigureAwait(false);

    /// <summary>Matches a statement against the open invoices; nothing is written.</summary>
    public Task<Reconciliation> ReconcileAsync(long ownerId, StatementRead read, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return db.ReadAsync(async s =>
        {
            var open = await s.Invoices.OpenAsync(ownerId).ConfigureAwait(false);
            var names = open.GroupBy(i => i.ClientId).ToDictionary(g => g.Key, g => g.First().ClientName ?? "");
            var ibans = await s.Bank.PayerAccountsAsync(ownerId).ConfigureAwait(false);
            var settled = await s.Bank.SettledKeysAsync(ownerId).ConfigureAwait(false);
            return Reconciler.Match(read.Lines, open, names, ibans, settled);
        }, ct);
    }

    /// <summary>
    /// Records the accepted proposals (payments dated the bank's day, the payer's IBAN remembered), marks the
    /// rejected ones, debits and unmatched credits, in one transaction. A proposal whose invoice changed meanwhile
    /// (paid by hand) is skipped, not forced.
    /// </summary>
    public async Task<StatementResult> RecordAsync(long ownerId, StatementRead read, Reconciliation rec, Func<Proposal, bool> accept, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(rec);
        ArgumentNullException.ThrowIfNull(accept);
        return await db.WriteAsync(async s =>
        {
            int recorded = 0, rejected = 0;
            long cents = 0;
            foreach (var p in rec.Proposals)
            {
                var line = p.Line;
                if (!accept(p))
                {
                    await s.Bank.RememberAsync(ownerId, line.Key, line.Date, line.AmountCents, line.Currency, line.Label, "proposed", now).ConfigureAwait(false);
                    rejected++;
                    continue;
                }

                var all = true;
                foreach (var (invoice, part) in p.Settles)
                {
                    var current = await s.Invoices.GetAsync(ownerId, invoice.Id).ConfigureAwait(false);
                    all &= current is not null && await s.Invoices.RecordPaymentAsync(current, part, line.Date, Actor, now).ConfigureAwait(false) is not null;
                }

                if (!all)
                    throw new InvalidOperationException("an invoice changed while the statement was being recorded");
                await s.Bank.RememberAsync(ownerId, line.Key, line.Date, line.AmountCents, line.Currency, line.Label, "recorded", now).ConfigureAwait(false);
                if (line.Iban is not null)
                    await s.Bank.RememberPayerAsync(ownerId, line.Iban, p.ClientId).ConfigureAwait(false);
                recorded++;
                cents += line.AmountCents;
            }

            foreach (var line in read.Lines.Where(l => !l.IsCredit))
                await s.Bank.RememberAsync(ownerId, line.Key, line.Date, line.AmountCents, line.Currency, line.Label, "debit", now).ConfigureAwait(false);
            foreach (var line in rec.Unmatched)
                await s.Bank.RememberAsync(ownerId, line.Key, line.Date, line.AmountCents, line.Currency, line.Label, "unmatched", now).ConfigureAwait(false);
            return new StatementResult(recorded, cents, rejected);
        }, ct).ConfigureAwait(false);
    }
}
