using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Reminders;

namespace Recouvrement.Skills.Scheduling;

public sealed record PassReport(DateTimeOffset Now, bool LeaseHeld, int OwnersSeen, int OwnersHandled, IReadOnlyList<string> Lines);

/// <summary>
/// One scheduler pass. For each owner whose digest hour has come today (in their time zone) and whose day is not
/// done yet: due-date pings, ladder drafts, expired promises and the morning digest, recorded in the ledger
/// (schedule_marks) in the same transaction as their effects — so each happens once per (owner, invoice, step, day),
/// across restarts, downtime and instances. After downtime, what was missed comes in one catch-up digest.
/// </summary>
public sealed partial class SchedulerPass(Database db, ReminderKit kit, SchedulerOptions options, ILogger<SchedulerPass>? logger = null)
{
    public const string LeaseName = "scheduler";
    private readonly ILogger _logger = logger ?? NullLogger<SchedulerPass>.Instance;

    /// <summary>This instance's name in the lease.</summary>
    public string InstanceId { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<PassReport> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.WriteAsync(s => s.Schedule.TryLeaseAsync(LeaseName, InstanceId, now, options.LeaseDuration), ct).ConfigureAwait(false))
            return new PassReport(now, false, 0, 0, ["another instance holds the scheduler lease: nothing done"]);
        // Days foreseen under other ladder settings are not trusted: every client is decided again.
        await db.WriteAsync(s => s.Schedule.EnsureLadderConfigAsync(LadderConfig), ct).ConfigureAwait(false);
        var lines = new List<string>();
        int seen = 0, handled = 0;
        var autoApprove = new List<(Owner Owner, long DraftId)>();
        try
        {
            long after = 0;
            while (true)
            {
                // Keyset pages: memory stays flat whatever the number of owners.
                var page = await db.ReadAsync(async s =>
                {
                    var list = new List<ScheduledOwner>(options.BatchSize);
                    await foreach (var o in s.Schedule.OwnersAsync(after).WithCancellation(ct).ConfigureAwait(false))
                    {
                        list.Add(o);
                        if (list.Count == options.BatchSize)
                            break;
                    }

                    return list;
                }, ct).ConfigureAwait(false);
                if (page.Count == 0)
                    break;
                after = page[^1].Id;
                seen += page.Count;
                var due = page.Where(o => IsDue(o, now)).ToList();
                if (due.Count == 0)
                    continue;

                // One transaction per page: the kept balances brought to the day, a handful of set-based reads for the
                // whole page, then its writes.
                var results = await db.WriteAsync(async s =>
                {
                    // A long pass keeps its lease, in the page's own transaction.
                    await s.Schedule.TryLeaseAsync(LeaseName, InstanceId, now, options.LeaseDuration).ConfigureAwait(false);
                    await s.DeferCheckpointsAsync().ConfigureAwait(false);
                    var plans = await PlanPageAsync(s, due, now).ConfigureAwait(false);
                    return await WritePageAsync(s, plans, now, ct).ConfigureAwait(false);
                }, ct).ConfigureAwait(false);
                handled += due.Count;
                foreach (var (line, auto) in results)
                {
                    if (line.Length > 0)
                        lines.Add(line);
                    autoApprove.AddRange(auto);
                }
            }

            foreach (var (owner, draftId) in autoApprove)
            {
                var plan = await Drafting.EnqueueAsync(db, kit, owner, draftId, now, "scheduler", ct).ConfigureAwait(false);
                lines.Add($"owner {owner.Id}: draft {draftId} auto-approved ({plan.Kind.ToString().ToLowerInvariant()})");
            }
        }
        finally
        {
            await db.WriteAsync(s => s.Schedule.ReleaseAsync(LeaseName, InstanceId, now), CancellationToken.None).ConfigureAwait(false);
        }

        LogPass(_logger, seen, handled);
        return new PassReport(now, true, seen, handled, lines);
    }

    private readonly record struct Due(ScheduledInvoice Invoice, DateOnly Date);

    /// <summary>A ladder rung that may be due for a client: drafted only if its ledger key is new.</summary>
    private sealed record Candidate(long ClientId, string ClientName, string Step, string Key);

    /// <summary>Everything decided about one owner before writing.</summary>
    private sealed record OwnerPlan(
        ScheduledOwner Owner,
        DateOnly Today,
        DateOnly From,
        List<Due> Window,
        List<OverdueTotal> Overdue,
        List<PromiseClient> PromisesEnded,
        List<Candidate> Candidates,
        List<LadderWake> Wakes,
        List<DueInstalment> Instalments,
        int PendingDrafts);

    /// <summary>
    /// What one client's rung is decided from on a morning (<see cref="Rung"/>), read and converted once: the promise's
    /// end, the oldest overdue due date and lowest overdue invoice (both null when nothing is overdue), the drafts
    /// waiting and rejected, the last decision and formal notice as days in the owner's zone, the highest rung sent.
    /// </summary>
    private sealed record LadderInputs(
        long ClientId,
        string Name,
        string Plan,
        DateOnly? PausedUntil,
        string? LadderKey,
        DateOnly? OldestDue,
        long? Anchor,
        List<Due> Soon,
        long Pending,
        long Rejected,
        DateOnly? LastDecided,
        DateOnly? NoticeSent,
        int LastSent);

    /// <summary>
    /// How far ahead a client's next rung is foreseen: past it, the client is decided again even if nothing changed
    /// (a bound on what a wrong foresight could cost).
    /// </summary>
    private const int WakeHorizonDays = 28;

    private async Task<List<OwnerPlan>> PlanPageAsync(Session s, List<ScheduledOwner> due, DateTimeOffset now)
    {
        var ids = due.Select(o => o.Id).ToList();
        var todays = due.ToDictionary(o => o.Id, o => TodayOf(o, now));
        var froms = due.ToDictionary(o => o.Id, o => FromOf(o, todays[o.Id]));
        var latest = todays.Values.Max();
        // The kept balances move to each owner's day across the due date (a handful of clients per owner).
        await s.Balances.AdvanceDueAsync([.. due.Select(o => (o.Id, todays[o.Id]))]).ConfigureAwait(false);
        var window = (await s.Schedule.DueBetweenAsync(ids, froms.Values.Min(), latest.AddDays(options.SoonDays)).ConfigureAwait(false)).ToLookup(i => i.OwnerId);
        // Only the clients whose rung may move are decided: the overdue ones whose foreseen day has come (or was
        // forgotten by a change), and those with nothing overdue falling due soon (the courtesy heads-up). The digest's
        // totals are kept by the store.
        var soonClients = window.SelectMany(g => g).Where(i => !i.ClientOverdue).Select(i => i.ClientId).Distinct().ToList();
        await s.Schedule.ForgetSettledAsync(ids, latest).ConfigureAwait(false);
        var overdueByOwner = (await s.Schedule.OverdueToDecideAsync(ids, latest).ConfigureAwait(false)).ToLookup(x => x.OwnerId);
        var contacts = (await s.Schedule.ContactsToDecideAsync(ids, soonClients, latest).ConfigureAwait(false)).ToDictionary(c => c.ClientId);
        var totals = (await s.Schedule.OverdueTotalsAsync(ids).ConfigureAwait(false)).ToLookup(x => x.OwnerId);
        var pendingCounts = await s.Schedule.PendingDraftsAsync(ids).ConfigureAwait(false);
        var promises = (await s.Schedule.PromisesEndedAsync(ids, froms.Values.Min().AddDays(-30), latest).ConfigureAwait(false)).ToLookup(x => x.OwnerId);
        // Clients on a payment plan: their instalments are followed instead of the ladder.
        var onPlan = await s.Plans.ClientsWithPlanAsync(ids).ConfigureAwait(false);
        var instalments = (await s.Plans.DueAsync(ids, latest.AddDays(options.SoonDays)).ConfigureAwait(false)).ToLookup(i => i.OwnerId);

        var plans = new List<OwnerPlan>(due.Count);
        foreach (var o in due)
        {
            var today = todays[o.Id];
            var zone = Zone(o);
            var (from, until) = (froms[o.Id], today.AddDays(options.SoonDays));
            var mine = new List<Due>();
            foreach (var i in window[o.Id])
            {
                var date = DateOnly.ParseExact(i.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (date >= from && date <= until)
                    mine.Add(new Due(i, date));
            }

            var paused = Parse(o.RemindersPausedUntil) is { } p && p >= today;
            var candidates = new List<Candidate>();
            var wakes = new List<LadderWake>();
            foreach (var client in paused ? [] : Ladders(today, zone, mine, overdueByOwner[o.Id], contacts))
            {
                if (onPlan.Contains(client.ClientId))
                    continue; // Decided again each morning while the plan runs.
                if (Rung(client, today) is { } rung && rung.Key != client.LadderKey)
                    candidates.Add(new Candidate(client.ClientId, client.Name, rung.Step, rung.Key));
                else if (client is { OldestDue: { } oldest, Anchor: { } anchor })
                    // The basis: what the day rests on in the overdue balance, compared by the store on each balance write.
                    wakes.Add(new LadderWake(o.Id, client.ClientId, Day(Wake(client, today)), $"{Day(oldest)}:{anchor.ToString(CultureInfo.InvariantCulture)}"));
            }

            plans.Add(new OwnerPlan(o, today, froms[o.Id], mine, [.. totals[o.Id]], [.. promises[o.Id]], candidates, wakes, [.. instalments[o.Id]], (int)pendingCounts.GetValueOrDefault(o.Id)));
        }

        return plans;
    }

    /// <summary>
    /// The clients decided this morning: the overdue ones read, and those with nothing overdue falling due soon (an
    /// overdue client's ladder follows its overdue invoices alone, so one falling due soon changes nothing for it), in the
    /// order the clients were created, whichever were read.
    /// </summary>
    private IEnumerable<LadderInputs> Ladders(DateOnly today, TimeZoneInfo zone, List<Due> window, IEnumerable<OverdueClient> overdue, Dictionary<long, ClientContact> contacts)
    {
        // Most owners have no client to decide on a given morning: nothing is built for them.
        if (!overdue.Any() && !window.Exists(x => x.Date >= today && !x.Invoice.ClientOverdue))
            yield break;
        var byClient = overdue.GroupBy(x => x.ClientId).ToDictionary(g => g.Key, g => g.ToList());
        var soonByClient = window.Where(x => x.Date >= today).GroupBy(x => x.Invoice.ClientId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var clientId in byClient.Keys.Union(soonByClient.Where(g => !g.Value[0].Invoice.ClientOverdue).Select(g => g.Key)).Order())
        {
            var late = byClient.GetValueOrDefault(clientId);
            var soon = soonByClient.GetValueOrDefault(clientId) ?? [];
            var contact = contacts.GetValueOrDefault(clientId);
            var (name, plan, pausedUntil) = late is { Count: > 0 }
                ? (late[0].ClientName, late[0].ReminderPlan, late[0].PausedUntil)
                : (soon[0].Invoice.ClientName, soon[0].Invoice.ReminderPlan, soon[0].Invoice.PausedUntil);
            yield return new LadderInputs(clientId, name, plan, Parse(pausedUntil), contact?.LadderKey,
                late?.Min(x => DateOnly.ParseExact(x.OldestDue, "yyyy-MM-dd", CultureInfo.InvariantCulture)), late?.Min(x => x.AnchorId), soon,
                contact?.Pending ?? 0, contact?.Rejected ?? 0, LocalDay(contact?.LastDecidedAt, zone), LocalDay(contact?.NoticeSentAt, zone), LastSentRung(contact));
        }
    }

    /// <summary>
    /// The client's rung on <paramref name="day"/> and its ledger key (client, anchor invoice, step), or null when none
    /// is due — whatever was drafted before. It depends on the day only through the comparisons <see cref="Wake"/>
    /// lists, which is what lets the next one be foreseen.
    /// </summary>
    private (string Step, string Key)? Rung(LadderInputs c, DateOnly day)
    {
        if (c.Pending > 0)
            return null;
        if (c.PausedUntil is { } until && until >= day)
            return null;
        var courtesy = kit.Options.Step(ReminderOptions.Courtesy);
        var soon = courtesy is null ? [] : c.Soon.Where(x => x.Date >= day && x.Date.DayNumber - day.DayNumber <= -courtesy.OffsetFor(c.Plan)).ToList();
        int? daysLate = c.OldestDue is { } oldest ? day.DayNumber - oldest.DayNumber : null;
        var step = DraftComposer.StepFor(kit.Options, c.Plan, daysLate, soon.Count > 0, c.LastSent);
        if (step is null || (daysLate is { } d && d < kit.Options.Step(step)!.OffsetFor(c.Plan)))
            return null; // This client's next rung has not come yet.
        if (!Spacing.MayContact(kit.Options, step, day, c.LastDecided, c.NoticeSent))
            return null; // Too soon after the last message, or the formal notice's deadline has not passed.
        var anchor = step == ReminderOptions.Courtesy ? soon[0].Invoice.Id : c.Anchor!.Value;
        // A rejection changes the key: the step comes back after the spacing interval instead of never.
        return (step, c.Rejected > 0 ? $"{c.ClientId}:{anchor}:{step}:r{c.Rejected}" : $"{c.ClientId}:{anchor}:{step}");
    }

    /// <summary>
    /// The first day after <paramref name="today"/> on which, nothing else changing, the client gets a rung it has not
    /// had. Between the days where one of <see cref="Rung"/>'s comparisons turns (a pause over, a due date or courtesy
    /// day passed, a ladder offset reached, the spacing or a formal notice's deadline over) its answer cannot change,
    /// so only those days (and the next one) are asked. Anything else that changes (an invoice, a payment, a draft,
    /// the client, a plan, the owner's zone) forgets the day in the store (migration 0020).
    /// </summary>
    private DateOnly Wake(LadderInputs c, DateOnly today)
    {
        var days = new SortedSet<DateOnly> { today.AddDays(1) };
        if (c.PausedUntil is { } until)
            days.Add(until.AddDays(1));
        if (kit.Options.Step(ReminderOptions.Courtesy) is { } courtesy)
        {
            foreach (var x in c.Soon)
            {
                days.Add(x.Date.AddDays(1));
                days.Add(x.Date.AddDays(courtesy.OffsetFor(c.Plan)));
            }
        }

        if (c.OldestDue is { } oldest)
        {
            foreach (var step in kit.Options.Steps)
                days.Add(oldest.AddDays(step.OffsetFor(c.Plan)));
        }

        if (c.LastDecided is { } decided)
            days.Add(decided.AddDays(kit.Options.MinDaysBetween));
        if (c.NoticeSent is { } sent)
            days.Add(kit.Options.NoticeDeadline(sent).AddDays(1));

        var horizon = today.AddDays(WakeHorizonDays);
        foreach (var day in days.GetViewBetween(today.AddDays(1), horizon))
        {
            if (Rung(c, day) is { } rung && rung.Key != c.LadderKey)
                return day;
        }

        return horizon;
    }

    private static DateOnly? LocalDay(string? instant, TimeZoneInfo zone) => instant is null ? null
        : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), zone).DateTime);

    /// <summary>The ladder settings a foreseen day depends on: a day foreseen under other settings is not trusted.</summary>
    private string LadderConfig => _ladderConfig ??= Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join(';', kit.Options.Steps.Select(st => $"{st.Name}:{st.OffsetDays}:{st.GentleOffsetDays}:{st.StrictOffsetDays}"))
        + $";{kit.Options.MinDaysBetween};{kit.Options.NoticeDeadlineDays}")))[..16];

    private string? _ladderConfig;

    /// <summary>The highest ladder rung sent to the client (its index in the configured steps), −1 when none.</summary>
    private int LastSentRung(ClientContact? contact)
    {
        var rung = -1;
        foreach (var step in (contact?.SentSteps ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
            rung = Math.Max(rung, kit.Options.IndexOf(step));
        return rung;
    }

    /// <summary>The first day not done yet: the catch-up window (never across a silence, never on the very first pass).</summary>
    private static DateOnly FromOf(ScheduledOwner o, DateOnly today)
    {
        var from = Parse(o.DoneDay) is { } d ? d.AddDays(1) : today;
        if (Parse(o.SilentUntil) is { } ended && ended.AddDays(1) > from)
            from = ended.AddDays(1);
        return from > today ? today : from;
    }

    /// <summary>
    /// The owner's digest hour has come today and today is after the last day done: a time zone moved back does not
    /// bring a day done once round again.
    /// </summary>
    private static bool IsDue(ScheduledOwner o, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone(o));
        return local.Hour >= o.DigestHour && (o.DoneDay is null || string.CompareOrdinal(o.DoneDay, Day(DateOnly.FromDateTime(local.DateTime))) < 0);
    }

    private static DateOnly TodayOf(ScheduledOwner o, DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone(o)).DateTime);

    /// <summary>
    /// The page's writes: the owners' days claimed, every ledger mark of every owner in one statement (what was already
    /// done comes back as not new and is skipped), then drafts and plan changes for the new ones, then the digests and
    /// the weekly chart marks, each in one statement for the page.
    /// </summary>
    private async Task<List<(string Line, List<(Owner, long)> Auto)>> WritePageAsync(Session s, List<OwnerPlan> plans, DateTimeOffset now, CancellationToken ct)
    {
        // Each owner's day is claimed first: one another instance has done since the page was read is left alone (its
        // pings, drafts and digest were that instance's), so nothing is done twice.
        var claimed = await s.Schedule.ClaimDaysAsync([.. plans.Select(p => (p.Owner.Id, p.Today))], now).ConfigureAwait(false);
        plans = [.. plans.Where(p => claimed.Contains(p.Owner.Id))];
        var marks = new List<ScheduleMark>();
        var speaking = plans.Where(p => !Silent(p)).ToList();
        foreach (var plan in speaking)
            marks.AddRange(MarksOf(plan));
        var fresh = await s.Schedule.MarkManyAsync(marks, now).ConfigureAwait(false);

        var ladder = await DraftLadderAsync(s, speaking, fresh, now, ct).ConfigureAwait(false);
        var results = new List<(string Line, List<(Owner, long)> Auto)>(plans.Count);
        var notices = new List<(long OwnerId, string Text, string? Attachment)>();
        var digests = new List<(long OwnerId, string Text, bool MayChart, string Week)>();
        foreach (var plan in plans)
            results.Add(await OwnerAsync(s, plan, fresh, ladder, notices, digests, now, ct).ConfigureAwait(false));

        // Once a week the digest brings the aging chart (drawn when pushed, with that moment's figures): the week is kept
        // beside the owner's done day, read with the owner, so the other weekdays ask nothing.
        var charts = new HashSet<long>();
        foreach (var week in digests.Where(d => d.MayChart).GroupBy(d => d.Week))
            charts.UnionWith(await s.Schedule.ChartWeekAsync([.. week.Select(d => d.OwnerId)], week.Key).ConfigureAwait(false));
        notices.AddRange(digests.Select(d => (d.OwnerId, d.Text, charts.Contains(d.OwnerId) ? NoticeAttachments.AgingChart : null)));
        await s.Notices.AddManyAsync(notices, now).ConfigureAwait(false);
        await s.Schedule.SetWakesAsync([.. plans.SelectMany(p => p.Wakes)]).ConfigureAwait(false);
        return results;
    }

    private static bool Silent(OwnerPlan plan) => Parse(plan.Owner.SilentUntil) is { } quiet && quiet >= plan.Today;

    private static bool DigestToday(OwnerPlan plan) => OwnerSettings.DigestOn(plan.Owner.DigestDays, plan.Today.DayOfWeek);

    private static IEnumerable<Due> Pings(OwnerPlan plan) => plan.Window.Where(x => x.Date <= plan.Today);

    private static ScheduleMark LadderMark(OwnerPlan plan, Candidate c) => new(plan.Owner.Id, "ladder", c.Key, "-");

    private static ScheduleMark? InstalmentMark(OwnerPlan plan, DueInstalment i)
    {
        var due = DateOnly.ParseExact(i.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return due >= plan.Today ? new(plan.Owner.Id, "plan_heads_up", i.Id.ToString(CultureInfo.InvariantCulture), "-")
            : due.AddDays(i.GraceDays) < plan.Today ? new(plan.Owner.Id, "plan_breach", i.PlanId.ToString(CultureInfo.InvariantCulture), "-")
            : null;
    }

    /// <summary>Promises that ended (within the last month) with a balance left: told once, in the next digest.</summary>
    private static IEnumerable<(ScheduleMark Mark, string Name, DateOnly Until)> Promises(OwnerPlan plan) =>
        plan.PromisesEnded.Count == 0 && !plan.Window.Exists(static x => x.Invoice.PausedUntil is not null) ? []
        : plan.PromisesEnded.Select(x => (x.ClientId, x.ClientName, (string?)x.PausedUntil))
            .Concat(plan.Window.Select(x => (x.Invoice.ClientId, x.Invoice.ClientName, x.Invoice.PausedUntil))).DistinctBy(x => x.ClientId)
            .Select(x => (x, Until: Parse(x.Item3)))
            .Where(x => x.Until is { } until && until >= plan.Today.AddDays(-30) && until < plan.Today)
            .Select(x => (new ScheduleMark(plan.Owner.Id, "promise_expired", x.x.ClientId.ToString(CultureInfo.InvariantCulture), Day(x.Until!.Value)), x.x.ClientName, x.Until!.Value));

    /// <summary>Every mark the owner's morning may make: the ledger says which are new.</summary>
    private IEnumerable<ScheduleMark> MarksOf(OwnerPlan plan)
    {
        foreach (var c in plan.Candidates)
            yield return LadderMark(plan, c);
        foreach (var i in plan.Instalments)
        {
            if (InstalmentMark(plan, i) is { } mark)
                yield return mark;
        }

        if (!DigestToday(plan))
            yield break;
        foreach (var (mark, _, _) in Promises(plan))
            yield return mark;
    }

    /// <summary>
    /// The page's ladder: every candidate's key kept on its client, then a draft for each new (client, anchor invoice,
    /// step) — composed from what the page's clients read at once, and written in one statement — by client.
    /// </summary>
    private async Task<Dictionary<long, Draft>> DraftLadderAsync(Session s, List<OwnerPlan> plans, HashSet<ScheduleMark> fresh, DateTimeOffset now, CancellationToken ct)
    {
        await s.Schedule.SetLadderKeysAsync([.. plans.SelectMany(p => p.Candidates.Select(c => (p.Owner.Id, c.ClientId, c.Key)))]).ConfigureAwait(false);
        var todo = plans.SelectMany(p => p.Candidates.Where(c => fresh.Contains(LadderMark(p, c))).Select(c => (Plan: p, Candidate: c))).ToList();
        if (todo.Count == 0)
            return [];
        var clients = (await s.Clients.GetManyAsync([.. todo.Select(x => x.Plan.Owner.Id).Distinct()], [.. todo.Select(x => x.Candidate.ClientId)]).ConfigureAwait(false)).ToDictionary(c => c.Id);
        var compositions = await kit.Composer.ComposeManyAsync(s,
            [.. todo.Where(x => clients.ContainsKey(x.Candidate.ClientId)).Select(x => (OwnerOf(x.Plan.Owner), clients[x.Candidate.ClientId], x.Plan.Today, x.Candidate.Step))],
            "scheduler", ct).ConfigureAwait(false);
        var saved = await s.Drafts.InsertManyAsync([.. compositions.Select(c => c.Draft).OfType<Draft>()], "scheduler", now).ConfigureAwait(false);
        return saved.ToDictionary(d => d.ClientId);
    }

    private static Owner OwnerOf(ScheduledOwner o) => new() { Id = o.Id, Channel = o.Channel, ExternalId = o.ExternalId, Language = o.Language, TimeZone = o.TimeZone };

    private async Task<(string Line, List<(Owner, long)> Auto)> OwnerAsync(Session s, OwnerPlan plan, HashSet<ScheduleMark> fresh, Dictionary<long, Draft> ladder,
        List<(long OwnerId, string Text, string? Attachment)> notices, List<(long OwnerId, string Text, bool MayChart, string Week)> digests, DateTimeOffset now, CancellationToken ct)
    {
        var o = plan.Owner;
        var owner = OwnerOf(o);
        var lang = o.Language;
        string T(string fr, string en) => Say.Pick(lang, fr, en);
        var today = plan.Today;
        var auto = new List<(Owner, long)>();
        if (Silent(plan))
            return ($"owner {o.Id}: silent until {o.SilentUntil}", auto);

        var catchUp = plan.From < today;

        // Due-date pings: the days from the last one done to today are this pass's alone (the day claim), so each due day
        // is told once without a ledger row per invoice.
        var dueToday = new List<Due>();
        var missed = new List<Due>();
        foreach (var x in Pings(plan))
            (x.Date == today ? dueToday : missed).Add(x);

        // Ladder: the drafts made for the page (DraftLadderAsync); the ledger row and the draft commit together.
        var drafted = new List<(string Client, string Step)>();
        var autoSteps = o.AutoSendSteps.Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var c in plan.Candidates)
        {
            if (!ladder.TryGetValue(c.ClientId, out var saved))
                continue;
            drafted.Add((c.ClientName, c.Step));
            if (autoSteps.Contains(c.Step, StringComparer.Ordinal))
                auto.Add((owner, saved.Id));
        }

        // Payment plans: a courteous heads-up before each instalment; a missed one past the grace days breaks the plan.
        var planLines = new List<string>();
        foreach (var i in plan.Instalments)
        {
            if (InstalmentMark(plan, i) is not { } mark || !fresh.Contains(mark))
                continue;
            var due = DateOnly.ParseExact(i.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (mark.Kind == "plan_heads_up")
            {
                var client = await s.Clients.GetAsync(o.Id, i.ClientId).ConfigureAwait(false);
                var running = await s.Plans.OpenForClientAsync(o.Id, i.ClientId).ConfigureAwait(false);
                var (subject, body) = await kit.Composer.PlanInstalmentAsync(s, owner, client!, i.LeftCents, i.Currency, due, lang, today, ct).ConfigureAwait(false);
                var saved = await s.Drafts.InsertAsync(new Draft
                {
                    OwnerId = o.Id,
                    ClientId = i.ClientId,
                    Step = Plans.PlanChat.InstalmentStep,
                    Language = lang,
                    Subject = subject,
                    Body = body,
                    InvoiceIds = running?.InvoiceIds ?? "[]",
                    AmountCents = i.LeftCents,
                    Currency = i.Currency,
                    CreatedBy = "scheduler",
                }, "scheduler", now).ConfigureAwait(false);
                drafted.Add((i.ClientName, Plans.PlanChat.InstalmentStep));
                planLines.Add(T($"• {Markup.Bold(i.ClientName)} — échéance {i.Seq} : {Format.Money(i.LeftCents, i.Currency, lang)} le {Format.Date(due, lang)}", $"• {Markup.Bold(i.ClientName)} — instalment {i.Seq}: {Format.Money(i.LeftCents, i.Currency, lang)} on {Format.Date(due, lang)}"));
                if (autoSteps.Contains(Plans.PlanChat.InstalmentStep, StringComparer.Ordinal))
                    auto.Add((owner, saved.Id));
            }
            else
            {
                await s.Plans.SetStatusAsync(o.Id, i.PlanId, PlanStatuses.Active, PlanStatuses.Breached, "scheduler", now).ConfigureAwait(false);
                notices.Add((o.Id, T(
                    $"⚠️ Le plan de paiement de {Markup.Bold(i.ClientName)} n'est pas respecté : l'échéance {i.Seq} du {Format.Date(due, lang)} ({Format.Money(i.LeftCents, i.Currency, lang)}) reste impayée. Dites « annule le plan de {Markup.Escape(i.ClientName)} » pour reprendre les relances sur tout le solde, ou « maintiens le plan de {Markup.Escape(i.ClientName)} ».",
                    $"⚠️ {Markup.Bold(i.ClientName)}'s payment plan is not honoured: instalment {i.Seq} of {Format.Date(due, lang)} ({Format.Money(i.LeftCents, i.Currency, lang)}) is unpaid. Say \"cancel the plan of {Markup.Escape(i.ClientName)}\" to resume reminders on the whole balance, or \"keep the plan of {Markup.Escape(i.ClientName)}\"."), null));
            }
        }

        var digestToday = DigestToday(plan);
        var promises = digestToday ? [.. Promises(plan).Where(x => fresh.Contains(x.Mark)).Select(x => (x.Name, x.Until))] : new List<(string Name, DateOnly Until)>();

        string what;
        if (digestToday)
        {
            var paused = Parse(o.RemindersPausedUntil) is { } p && p >= today ? p : (DateOnly?)null;
            var text = Digest(lang, today, catchUp ? plan.From : null, dueToday, [.. plan.Window.Where(x => x.Date > today)], plan.Overdue, missed, drafted, plan.PendingDrafts + drafted.Count, promises, paused, planLines);
            if (text is not null)
            {
                var week = $"{ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue)):00}";
                digests.Add((o.Id, text, plan.Overdue.Count + plan.Window.Count > 0 && string.CompareOrdinal(o.ChartWeek, week) < 0, week));
            }

            what = text is null ? "digest: nothing to say" : catchUp ? "catch-up digest" : "digest";
        }
        else if (dueToday.Count + missed.Count > 0)
        {
            notices.Add((o.Id, AppendLines(new StringBuilder(T("📅 Arrive à échéance aujourd'hui :", "📅 Falling due today:")).Append('\n'), lang, [.. missed, .. dueToday], today).ToString(), null));
            what = "due-date ping";
        }
        else
        {
            what = "nothing to say";
        }

        if (!options.ReportLines)
            return (string.Empty, auto);
        var summary = new StringBuilder($"owner {o.Id} ({o.Channel}:{o.ExternalId}) {Day(today)}: {what}");
        if (dueToday.Count > 0)
            summary.Append($"; {dueToday.Count} due today");
        if (missed.Count > 0)
            summary.Append($"; {missed.Count} fell due while down");
        if (drafted.Count > 0)
            summary.Append($"; drafts: {string.Join(", ", drafted.Select(x => $"{x.Client} ({x.Step})"))}");
        if (promises.Count > 0)
            summary.Append($"; {promises.Count} promise(s) expired");
        return (summary.ToString(), auto);
    }

    /// <summary>
    /// The morning digest, or null when there is nothing to say. Written in the owner's language only, straight into one
    /// buffer: ten thousand owners a morning, and building both languages' lines made a third of what a morning allocated.
    /// </summary>
    private static string? Digest(string lang, DateOnly today, DateOnly? downSince, List<Due> dueToday, List<Due> soon, List<OverdueTotal> overdue,
        List<Due> missed, List<(string Client, string Step)> drafted, int pending, List<(string Name, DateOnly Until)> promises, DateOnly? pausedUntil, List<string> planLines)
    {
        if (dueToday.Count + soon.Count + overdue.Count + missed.Count + drafted.Count + pending + promises.Count + planLines.Count == 0)
            return null;
        var en = lang == "en";
        var sb = _digestBuffer ?? new StringBuilder(1024);
        _digestBuffer = null;
        sb.Clear();
        sb.Append("☀️ ").AppendBold(en ? "Your morning digest" : "Votre point du matin").Append(" — ");
        if (en)
            sb.Append(Format.Culture(lang), $"{today:dddd d MMM yyyy}");
        else
            sb.Append(Format.Culture(lang), $"{today:dddd dd/MM/yyyy}");
        sb.Append('\n');
        if (downSince is { } since)
        {
            sb.Append(en ? "☕ Catching up: I could not run since " : "☕ Rattrapage : je n'ai pas pu tourner depuis le ").Append(Format.Date(since, lang))
                .Append(en ? "; here is everything at once." : " ; voici en une fois ce qui s'est passé.").Append('\n');
        }

        if (missed.Count > 0)
            AppendLines(sb.Append('\n').Append(en ? "📅 Fell due while I was down:" : "📅 Arrivées à échéance pendant l'interruption :").Append('\n'), lang, missed, today).Append('\n');
        if (dueToday.Count > 0)
            AppendLines(sb.Append('\n').Append(en ? "📅 Due today:" : "📅 Échéance aujourd'hui :").Append('\n'), lang, dueToday, today).Append('\n');
        if (soon.Count > 0)
            AppendLines(sb.Append('\n').Append(en ? "🔜 In the next few days:" : "🔜 Dans les prochains jours :").Append('\n'), lang, soon, today).Append('\n');
        if (overdue.Count > 0)
        {
            var totals = overdue.Count == 1
                ? Format.Money(overdue[0].BalanceCents, overdue[0].Currency, lang)
                : string.Join(" + ", overdue.GroupBy(x => x.Currency).Select(g => Format.Money(g.Sum(x => x.BalanceCents), g.Key, lang)));
            sb.Append('\n').Append(en ? "🔴 Overdue: " : "🔴 En retard : ").Append(overdue.Sum(x => x.InvoiceCount)).Append(en ? " invoice(s), " : " facture(s), ")
                .AppendBold(totals).Append(en ? " — \"who owes me?\" for details." : " — « qui me doit ? » pour le détail.").Append('\n');
        }

        if (planLines.Count > 0)
            sb.Append('\n').Append(en ? "💳 Payment plan instalments coming up:" : "💳 Échéances de plans de paiement à venir :").Append('\n').AppendJoin('\n', planLines).Append('\n');
        if (drafted.Count > 0)
        {
            sb.Append('\n').Append(en ? "✉️ Reminders drafted this morning: " : "✉️ Relances préparées ce matin : ");
            for (var i = 0; i < drafted.Count; i++)
                sb.Append(i > 0 ? ", " : string.Empty).Append(Markup.Escape(drafted[i].Client)).Append(" (").Append(Drafting.StepLabel(drafted[i].Step, lang).ToLowerInvariant()).Append(')');
            sb.Append('\n');
        }

        if (pending > 0)
            sb.Append("📝 ").Append(pending).Append(en ? " draft(s) await your approval: type \"drafts\"." : " brouillon(s) attendent votre validation : tapez « brouillons ».").Append('\n');
        foreach (var (name, until) in promises)
        {
            sb.Append('\n').Append("⏰ ").AppendBold(name).Append(en ? " promised to pay by " : " avait promis de payer le ").Append(Format.Date(until, lang))
                .Append(en ? ": a balance remains, reminders resume." : " : il reste un solde, les relances reprennent.").Append('\n');
        }

        if (pausedUntil is { } p)
        {
            sb.Append('\n');
            if (p.Year >= 9999)
                sb.Append(en ? "⏸️ Reminders paused: \"resume\" to restart them." : "⏸️ Relances en pause : « reprends » pour les relancer.");
            else
                sb.Append(en ? "⏸️ Reminders paused until " : "⏸️ Relances en pause jusqu'au ").Append(Format.Date(p, lang)).Append(en ? " inclusive." : " inclus.");
            sb.Append('\n');
        }

        while (sb.Length > 0 && char.IsWhiteSpace(sb[^1]))
            sb.Length--;
        var text = sb.ToString();
        _digestBuffer = sb;
        return text;
    }

    /// <summary>The digests' buffer, one per thread (a digest is written without awaiting): reused across a morning's owners.</summary>
    [ThreadStatic]
    private static StringBuilder? _digestBuffer;

    /// <summary>One line per invoice (the first 20, then how many more), no line break after the last.</summary>
    private static StringBuilder AppendLines(StringBuilder sb, string lang, List<Due> invoices, DateOnly today)
    {
        for (var i = 0; i < invoices.Count && i < 20; i++)
        {
            var x = invoices[i];
            sb.Append(i > 0 ? "\n• " : "• ").AppendBold(x.Invoice.ClientName).Append(" — ").Append(Format.Money(x.Invoice.BalanceCents, x.Invoice.Currency, lang));
            if (x.Invoice.Number is { } n)
                sb.Append(" (n° ").Append(Markup.Escape(n)).Append(')');
            sb.Append(", ").Append(Format.DueRelative(x.Date, today, lang));
        }

        if (invoices.Count > 20)
            sb.Append(lang == "en" ? "\n… and " : "\n… et ").Append(invoices.Count - 20).Append(lang == "en" ? " more" : " autres");
        return sb;
    }

    private static TimeZoneInfo Zone(ScheduledOwner o)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Parse(string? s) => s is null ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 40, Level = LogLevel.Debug, Message = "Scheduler pass: {Seen} owners seen, {Handled} handled")]
    private static partial void LogPass(ILogger logger, int seen, int handled);
}
