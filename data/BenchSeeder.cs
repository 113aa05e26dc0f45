using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Recouvrement.Data;

/// <summary>Benchmark books, inserted directly (the benches measure turns and passes, not seeding).</summary>
public static class BenchSeeder
{
    /// <summary>The bench owner's invoice count: a store given with --db that already holds them is reused.</summary>
    public static Task<long> OneOwnerInvoicesAsync(Database db, CancellationToken ct) =>
        db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM invoices i JOIN owners o ON o.id = i.owner_id WHERE o.channel = 'bench' AND o.external_id = 'owner'", cancellationToken: ct)), ct);

    /// <summary>The scheduler bench's daily step: every pending draft is dealt with, as owners would.</summary>
    public static Task MarkDraftsSentAsync(Database db, CancellationToken ct) =>
        db.WriteAsync(s => s.Connection.ExecuteAsync("UPDATE drafts SET status = 'sent' WHERE status = 'pending'", transaction: s.Transaction), ct);

    public static async Task<long> OneOwnerAsync(Database db, int clients, int invoices, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var owner = await db.WriteAsync(s => s.Owners.GetOrCreateAsync(new Owner { Channel = "bench", ExternalId = "owner", Language = "fr" }, now), ct).ConfigureAwait(false);
        await db.WriteAsync(async s =>
        {
            // Direct inserts: the bench measures turns, not the seeding.
            using var cmd = s.Connection.CreateCommand();
            cmd.Transaction = s.Transaction;
            cmd.CommandText = "INSERT INTO clients (owner_id, name, name_key, kind, created_at) VALUES (@o, @n, @k, 'company', @t)";
            var pn = Param(cmd, "@n");
            var pk = Param(cmd, "@k");
            Param(cmd, "@o", owner.Id);
            Param(cmd, "@t", now.ToString("O", CultureInfo.InvariantCulture));
            for (var c = 0; c < clients; c++)
            {
                pn.Value = $"Client {c:D5} SARL";
                pk.Value = TextKey.Key($"Client {c:D5} SARL");
                await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            using var inv = s.Connection.CreateCommand();
            inv.Transaction = s.Transaction;
            inv.CommandText = """
                INSERT INTO invoices (owner_id, client_id, number, number_key, amount_cents, paid_cents, currency, issue_date, due_date, status, created_at)
                SELECT @o, c.id, @num, lower(@num), @amt, @paid, 'EUR', @issue, @due, @status, @t FROM clients c WHERE c.owner_id = @o AND c.name_key = @k
                """;
            var num = Param(inv, "@num");
            var amt = Param(inv, "@amt");
            var paid = Param(inv, "@paid");
            var issue = Param(inv, "@issue");
            var due = Param(inv, "@due");
            var status = Param(inv, "@status");
            var key = Param(inv, "@k");
            Param(inv, "@o", owner.Id);
            Param(inv, "@t", now.ToString("O", CultureInfo.InvariantCulture));
            var random = new Random(42);
            for (var i = 0; i < invoices; i++)
            {
                var amount = random.Next(5_000, 2_000_000);
                var dueDate = today.AddDays(random.Next(-200, 60));
                // Roughly half settled, a tenth part-paid: a realistic book.
                var state = random.Next(10);
                num.Value = $"F-{i:D6}";
                amt.Value = amount;
                paid.Value = state < 5 ? amount : state == 5 ? amount / 2 : 0;
                status.Value = state < 5 ? "paid" : "open";
                issue.Value = dueDate.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                due.Value = dueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                key.Value = TextKey.Key($"Client {random.Next(clients):D5} SARL");
                await inv.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }, ct).ConfigureAwait(false);
        return owner.Id;
    }

    public static async Task ManyOwnersAsync(Database db, int owners, int perOwner, DateOnly today, CancellationToken ct)
    {
        const int clientsPerOwner = 10;
        var random = new Random(7);
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        for (var first = 0; first < owners; first += 1000)
        {
            await db.WriteAsync(async s =>
            {
                using var o = s.Connection.CreateCommand();
                o.Transaction = s.Transaction;
                o.CommandText = "INSERT INTO owners (channel, external_id, language, time_zone, created_at) VALUES ('bench', @e, 'fr', 'Europe/Paris', @t) RETURNING id";
                var pe = Param(o, "@e");
                Param(o, "@t", now);
                using var c = s.Connection.CreateCommand();
                c.Transaction = s.Transaction;
                c.CommandText = "INSERT INTO clients (owner_id, name, name_key, email, created_at) VALUES (@o, @n, @k, @m, @t) RETURNING id";
                var co = Param(c, "@o");
                var cn = Param(c, "@n");
                var ck = Param(c, "@k");
                var cm = Param(c, "@m");
                Param(c, "@t", now);
                using var i = s.Connection.CreateCommand();
                i.Transaction = s.Transaction;
                i.CommandText = """
                    INSERT INTO invoices (owner_id, client_id, number, number_key, amount_cents, paid_cents, currency, issue_date, due_date, status, created_at)
                    VALUES (@o, @c, @n, @n, @a, @p, 'EUR', @i, @d, @s, @t)
                    """;
                var io = Param(i, "@o");
                var ic = Param(i, "@c");
                var inum = Param(i, "@n");
                var ia = Param(i, "@a");
                var ip = Param(i, "@p");
                var ii = Param(i, "@i");
                var id = Param(i, "@d");
                var ist = Param(i, "@s");
                Param(i, "@t", now);
                for (var n = first; n < Math.Min(owners, first + 1000); n++)
                {
                    pe.Value = $"owner-{n}";
                    var ownerId = (long)(await o.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                    var clientIds = new long[clientsPerOwner];
                    for (var k = 0; k < clientsPerOwner; k++)
                    {
                        co.Value = ownerId;
                        cn.Value = $"Client {k} SARL";
                        ck.Value = $"client {k} sarl";
                        cm.Value = $"c{k}@owner{n}.example";
                        clientIds[k] = (long)(await c.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                    }

                    for (var k = 0; k < perOwner; k++)
                    {
                        var amount = random.Next(5_000, 500_000);
                        var due = today.AddDays(random.Next(-200, 60));
                        var paid = random.Next(10) < 6;
                        io.Value = ownerId;
                        ic.Value = clientIds[k % clientsPerOwner];
                        inum.Value = $"f-{k}";
                        ia.Value = amount;
                        ip.Value = paid ? amount : 0;
                        ii.Value = due.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        id.Value = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        ist.Value = paid ? "paid" : "open";
                        await i.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }
                }
            }, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A named parameter on either engine (values typed by the provider from the value).</summary>
    private static DbParameter Param(DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
