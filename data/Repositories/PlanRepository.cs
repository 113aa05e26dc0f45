using Dapper;

namespace Recouvrement.Data;

public static class PlanStatuses
{
    public const string Active = "active";
    public const string Completed = "completed";
    public const string Breached = "breached";
    public const string Cancelled = "cancelled";
}

public sealed record Plan
{
    public long Id { get; init; }
    public long OwnerId { get; init; }
    public long ClientId { get; init; }
    public required string Status { get; init; }
    public long TotalCents { get; init; }
    public required string Currency { get; init; }
    public required string InvoiceIds { get; init; }
    public int GraceDays { get; init; }
}

public sealed record PlanInstalment
{
    public long Id { get; init; }
    public long PlanId { get; init; }
    public int Seq { get; init; }
    public DateOnly DueDate { get; init; }
    public long AmountCents { get; init; }
    public long PaidCents { get; init; }

    public long LeftCents => AmountCents - PaidCents;
}

/// <summary>An unpaid instalment of an active plan, as the scheduler reads it for a page of owners.</summary>
public sealed record DueInstalment
{
    public long Id { get; init; }
    public long PlanId { get; init; }
    public long OwnerId { get; init; }
    public long ClientId { get; init; }
    public required string ClientName { get; init; }
    public required string Currency { get; init; }
    public int Seq { get; init; }
    public required string DueDate { get; init; }
    public long LeftCents { get; init; }
    public int GraceDays { get; init; }
}

public sealed class PlanRepository(Session s)
{
    private const string Columns = "id, owner_id, client_id, status, total_cents, currency, invoice_ids, grace_days";

    /// <summary>The client's plan that is still running (active, or broken and waiting for the owner's decision).</summary>
    public Task<Plan?> OpenForClientAsync(long ownerId, long clientId) =>
        s.Connection.QueryFirstOrDefaultAsync<Plan?>(s.Command(
            $"SELECT {Columns} FROM plans WHERE owner_id = @OwnerId AND client_id = @ClientId AND status IN ('active', 'breached') ORDER BY id DESC",
            new { OwnerId = ownerId, ClientId = clientId }));

    public async Task<Plan> CreateAsync(Plan plan, IReadOnlyList<(int Seq, DateOnly Due, long AmountCents)> instalments, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(instalments);
        var id = await s.Connection.ExecuteScalarAsync<long>(s.Command(
            """
            INSERT INTO plans (owner_id, client_id, status, total_cents, currency, invoice_ids, grace_days, created_at)
            VALUES (@OwnerId, @ClientId, 'active', @TotalCents, @Currency, @InvoiceIds, @GraceDays, @Now)
            RETURNING id
            """,
            new { plan.OwnerId, plan.ClientId, plan.TotalCents, plan.Currency, plan.InvoiceIds, plan.GraceDays, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
        foreach (var (seq, due, amount) in instalments)
        {
            await s.Connection.ExecuteAsync(s.Command(
                "INSERT INTO plan_instalments (plan_id, owner_id, seq, due_date, amount_cents) VALUES (@PlanId, @OwnerId, @Seq, @Due, @Amount)",
                new { PlanId = id, plan.OwnerId, Seq = seq, Due = due, Amount = amount })).ConfigureAwait(false);
        }

        await s.Events.AppendAsync(plan.OwnerId, actor, "plan_created", "client", plan.ClientId, new { PlanId = id, plan.TotalCents, plan.Currency, Instalments = instalments.Count }, now).ConfigureAwait(false);
        return plan with { Id = id, Status = PlanStatuses.Active };
    }

    public async Task<IReadOnlyList<PlanInstalment>> InstalmentsAsync(long ownerId, long planId)
    {
        var rows = await s.Connection.QueryAsync<PlanInstalment>(s.Command(
            "SELECT id, plan_id, seq, due_date, amount_cents, paid_cents FROM plan_instalments WHERE owner_id = @OwnerId AND plan_id = @PlanId ORDER BY seq",
            new { OwnerId = ownerId, PlanId = planId })).ConfigureAwait(false);
        return [.. rows];
    }

    public async Task<bool> SetStatusAsync(long ownerId, long planId, string from, string to, string actor, DateTimeOffset now)
    {
        var changed = await s.Connection.ExecuteAsync(s.Command(
            $"UPDATE plans SET status = @To, ended_at = CASE WHEN @To IN ('active', 'breached') THEN NULL ELSE @Now END WHERE id = @Id AND owner_id = @OwnerId AND status = @From",
            new { To = to, From = from, Id = planId, OwnerId = ownerId, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
        if (changed == 1)
            await s.Events.AppendAsync(ownerId, actor, $"plan_{to}", "client", await s.Connection.ExecuteScalarAsync<long>(s.Command("SELECT client_id FROM plans WHERE id = @Id", new { Id = planId })).ConfigureAwait(false), new { PlanId = planId }, now).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>
    /// Matches a payment of a client with a running plan to its instalments, oldest first; the plan completes when
    /// every instalment is paid. Returns the instalments touched.
    /// </summary>
    public async Task<IReadOnlyList<(int Seq, long Cents)>> AllocateAsync(long ownerId, long clientId, long cents, string actor, DateTimeOffset now)
    {
        var plan = await OpenForClientAsync(ownerId, clientId).ConfigureAwait(false);
        if (plan is null)
            return [];
        var touched = new List<(int, long)>();
        foreach (var i in await InstalmentsAsync(ownerId, plan.Id).ConfigureAwait(false))
        {
            if (cents == 0)
                break;
            var part = Math.Min(cents, i.LeftCents);
            if (part == 0)
                continue;
            await s.Connection.ExecuteAsync(s.Command(
                "UPDATE plan_instalments SET paid_cents = paid_cents + @Part WHERE id = @Id", new { Part = part, i.Id })).ConfigureAwait(false);
            touched.Add((i.Seq, part));
            cents -= part;
        }

        var left = await s.Connection.ExecuteScalarAsync<long>(s.Command(
            "SELECT COALESCE(SUM(amount_cents - paid_cents), 0) FROM plan_instalments WHERE plan_id = @PlanId", new { PlanId = plan.Id })).ConfigureAwait(false);
        if (left == 0)
            await SetStatusAsync(ownerId, plan.Id, plan.Status, PlanStatuses.Completed, actor, now).ConfigureAwait(false);
        return touched;
    }

    /// <summary>Takes an undone payment back off a running plan's instalments, latest paid first.</summary>
    public async Task DeallocateAsync(long ownerId, long clientId, long cents)
    {
        var plan = await s.Connection.QuerySingleOrDefaultAsync<long?>(s.Command(
            "SELECT id FROM plans WHERE owner_id = @OwnerId AND client_id = @ClientId AND status IN ('active', 'breached', 'completed') ORDER BY id DESC LIMIT 1",
            new { OwnerId = ownerId, ClientId = clientId })).ConfigureAwait(false);
        if (plan is null)
            return;
        var paid = await s.Connection.QueryAsync<(long Id, long Paid)>(s.Command(
            "SELECT id, paid_cents FROM plan_instalments WHERE plan_id = @PlanId AND paid_cents > 0 ORDER BY seq DESC", new { PlanId = plan })).ConfigureAwait(false);
        foreach (var (id, cents0) in paid)
        {
            if (cents == 0)
                break;
            var part = Math.Min(cents, cents0);
            await s.Connection.ExecuteAsync(s.Command("UPDATE plan_instalments SET paid_cents = paid_cents - @Part WHERE id = @Id", new { Part = part, Id = id })).ConfigureAwait(false);
            cents -= part;
        }

        // A plan completed by the undone payment runs again.
        await s.Connection.ExecuteAsync(s.Command(
            "UPDATE plans SET status = 'active' WHERE id = @Id AND status = 'completed' AND EXISTS (SELECT 1 FROM plan_instalments WHERE plan_id = @Id AND paid_cents < amount_cents)",
            new { Id = plan })).ConfigureAwait(false);
    }

    /// <summary>Unpaid instalments of running plans due on or before a day, for several owners.</summary>
    public async Task<IReadOnlyList<DueInstalment>> DueAsync(IReadOnlyCollection<long> ownerIds, DateOnly until)
    {
        var rows = await s.Connection.QueryAsync<DueInstalment>(s.Command(
            $"""
            SELECT pi.id, pi.plan_id, pi.owner_id, p.client_id, c.name AS client_name, p.currency, pi.seq, pi.due_date,
                   pi.amount_cents - pi.paid_cents AS left_cents, p.grace_days
            FROM plan_instalments pi JOIN plans p ON p.id = pi.plan_id JOIN clients c ON c.id = p.client_id
            WHERE pi.owner_id {s.InIds("@Ids")} AND p.status = 'active' AND pi.paid_cents < pi.amount_cents AND pi.due_date <= @Until
            ORDER BY pi.owner_id, pi.due_date
            """,
            new { Ids = s.Ids(ownerIds), Until = until })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>The client's latest plan, whatever its status.</summary>
    public Task<Plan?> LatestForClientAsync(long ownerId, long clientId) =>
        s.Connection.QueryFirstOrDefaultAsync<Plan?>(s.Command(
            $"SELECT {Columns} FROM plans WHERE owner_id = @OwnerId AND client_id = @ClientId ORDER BY id DESC",
            new { OwnerId = ownerId, ClientId = clientId }));

    /// <summary>The owner's own plan limits (null where they kept the configured default).</summary>
    public async Task<(int? MaxMonths, long? MinInstalmentCents, int? FirstWithinDays, int? DepositPercent)> PolicyAsync(long ownerId) =>
        await s.Connection.QueryFirstOrDefaultAsync<(int?, long?, int?, int?)>(s.Command(
            "SELECT plan_max_months, plan_min_instalment_cents, plan_first_within_days, plan_deposit_percent FROM owner_settings WHERE owner_id = @OwnerId",
            new { OwnerId = ownerId })).ConfigureAwait(false);

    private static readonly HashSet<string> PolicyColumns = new(StringComparer.Ordinal)
    {
        "plan_max_months", "plan_min_instalment_cents", "plan_first_within_days", "plan_deposit_percent",
    };

    public async Task SetPolicyAsync(long ownerId, IReadOnlyDictionary<string, long> values, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        await s.Connection.ExecuteAsync(s.Command(
            "INSERT INTO owner_settings (owner_id, updated_at) VALUES (@OwnerId, @Now) ON CONFLICT (owner_id) DO NOTHING",
            new { OwnerId = ownerId, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
        foreach (var (column, value) in values)
        {
            if (!PolicyColumns.Contains(column))
                throw new ArgumentOutOfRangeException(nameof(values), column, "Not a plan policy column.");
            await s.Connection.ExecuteAsync(s.Command($"UPDATE owner_settings SET {column} = @Value WHERE owner_id = @OwnerId", new { Value = value, OwnerId = ownerId })).ConfigureAwait(false);
        }

        await s.Events.AppendAsync(ownerId, actor, "plan_policy_set", "owner", ownerId, values, now).ConfigureAwait(false);
    }

    /// <summary>Clients whose reminders are paused by a running plan.</summary>
    public async Task<HashSet<long>> ClientsWithPlanAsync(IReadOnlyCollection<long> ownerIds) =>
        [.. await s.Connection.QueryAsync<long>(s.Command(
            $"SELECT DISTINCT client_id FROM plans WHERE owner_id {s.InIds("@Ids")} AND status IN ('active', 'breached')", new { Ids = s.Ids(ownerIds) })).ConfigureAwait(false)];
}
