using System.Globalization;
using System.Text;
using System.Text.Json;
using Recouvrement.Data;
using Recouvrement.Skills.Clients;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Invoices;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Plans;

/// <summary>
/// propose_plan and what follows: offers inside the owner's policy, acceptance by button (plan + written agreement,
/// which goes to the debtor through the usual approval and outbox), status, cancel or keep a broken plan, policy.
/// </summary>
public static class PlanChat
{
    public const string AgreementStep = "plan_agreement";
    public const string InstalmentStep = "plan_instalment";

    public static async Task<PlanPolicy> PolicyAsync(Session s, TurnContext ctx) => await PolicyAsync(s, ctx.Owner.Id, ctx.Reminders.PlanPolicy).ConfigureAwait(false);

    /// <summary>The configured policy, with the owner's own limits where they set some.</summary>
    public static async Task<PlanPolicy> PolicyAsync(Session s, long ownerId, PlanPolicy defaults)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(defaults);
        var row = await s.Plans.PolicyAsync(ownerId).ConfigureAwait(false);
        return defaults with
        {
            MaxMonths = row.MaxMonths ?? defaults.MaxMonths,
            MinInstalmentCents = row.MinInstalmentCents ?? defaults.MinInstalmentCents,
            FirstPaymentWithinDays = row.FirstWithinDays ?? defaults.FirstPaymentWithinDays,
            DepositPercent = row.DepositPercent ?? defaults.DepositPercent,
        };
    }

    public static async Task<Outcome> ProposeAsync(TurnContext ctx, Entities e)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Instalments is <= 0)
            return Outcome.Say(ctx.T("Le nombre d'échéances doit être d'au moins 1 : rien n'a été proposé.", "The number of instalments must be at least 1: nothing was offered."));
        if (e.MonthlyAmount is { } m && m <= 0)
            return Outcome.Say(ctx.T("Le montant mensuel doit être supérieur à zéro : rien n'a été proposé.", "The monthly amount must be more than zero: nothing was offered."));
        var (client, problem) = await ClientLookup.FindAsync(ctx, e.Client, "Pour quel client ? Ex. « Dupont SARL propose de payer en 3 fois ».", "For which client? E.g. \"set up a payment plan for Acme Ltd, 500 a month\".").ConfigureAwait(false);
        if (client is null)
            return problem!;

        var (policy, running, open) = await ctx.Db.ReadAsync(async s => (
            await PolicyAsync(s, ctx).ConfigureAwait(false),
            await s.Plans.OpenForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false),
            await s.Invoices.OpenForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false)), ctx.Ct).ConfigureAwait(false);
        if (running is not null)
            return Outcome.Say(ctx.T($"Un plan de paiement est déjà en cours pour {Markup.Bold(client.Name)} : « où en est le plan de {Markup.Escape(client.Name)} ? ». Rien n'a été proposé.", $"A payment plan is already running for {Markup.Bold(client.Name)}: \"plan status {Markup.Escape(client.Name)}\". Nothing was offered."));
        if (open.Count == 0)
            return Outcome.Say(ctx.T($"{Markup.Bold(client.Name)} n'a aucune facture en attente de paiement (les factures réglées ou contestées ne s'échelonnent pas).", $"{Markup.Bold(client.Name)} has no invoice awaiting payment (paid or disputed invoices cannot go into a plan)."));
        var currency = open[0].Currency;
        var invoices = open.Where(i => i.Currency == currency).ToList();
        var balance = invoices.Sum(i => i.BalanceCents);
        var monthly = Amounts.CentsOf(e.MonthlyAmount);
        var result = Negotiation.Negotiate(balance, e.Instalments, monthly, policy, ctx.Today);

        var sb = new StringBuilder();
        sb.Append("🗓️ ").Append(ctx.T($"Échéancier pour {Markup.Bold(client.Name)} — solde {Markup.Bold(ctx.Money(balance, currency))}", $"Payment plan for {Markup.Bold(client.Name)} — balance {Markup.Bold(ctx.Money(balance, currency))}")).Append('\n');
        foreach (var p in result.Problems)
            sb.Append("⚠️ ").Append(Explain(ctx, p, currency)).Append('\n');
        var set = new ChoiceSet();
        for (var k = 0; k < result.Offers.Count; k++)
        {
            var offer = result.Offers[k];
            sb.Append('\n').Append(Markup.Bold(ctx.T($"Offre {k + 1}", $"Offer {k + 1}"))).Append(" — ").Append(Kind(ctx, offer)).Append('\n');
            foreach (var i in offer.Instalments)
                sb.Append("  ").Append(ctx.T($"{i.Seq}. {ctx.Date(i.Due)} : {ctx.Money(i.AmountCents, currency)}", $"{i.Seq}. {ctx.Date(i.Due)}: {ctx.Money(i.AmountCents, currency)}")).Append('\n');
            set.Add(ctx.T($"Accepter l'offre {k + 1}", $"Accept offer {k + 1}"), "plan_accept", k.ToString(CultureInfo.InvariantCulture));
        }

        if (policy.DepositPercent > 0)
            sb.Append('\n').Append(ctx.T($"Acompte demandé : {policy.DepositPercent} % (première échéance).", $"Deposit asked: {policy.DepositPercent}% (first instalment)."));
        set.Add(ctx.T("Aucune", "None"), "cancel");
        var pending = new PendingPlan
        {
            ClientId = client.Id,
            ClientName = client.Name,
            BalanceCents = balance,
            Currency = currency,
            InvoiceIds = JsonSerializer.Serialize(invoices.Select(i => i.Id)),
            Offers = [.. result.Offers.Select(o => o.Instalments)],
        };
        return Outcome.Ask(sb.ToString().TrimEnd(), new DialogState { Awaiting = Slot.Choice, Entry = pending, Choices = set.ToList() });
    }

    private static string Kind(TurnContext ctx, Offer offer) => offer.Kind switch
    {
        Negotiation.Asked => ctx.T($"la proposition du client, {offer.Months} échéance(s)", $"the client's proposal, {offer.Months} instalment(s)"),
        Negotiation.Closest => ctx.T($"la plus proche acceptable, {offer.Months} échéance(s)", $"the closest acceptable, {offer.Months} instalment(s)"),
        Negotiation.Longest => ctx.T($"la plus longue permise, {offer.Months} échéance(s)", $"the longest allowed, {offer.Months} instalment(s)"),
        _ => ctx.T($"plus courte, {offer.Months} échéance(s)", $"shorter, {offer.Months} instalment(s)"),
    };

    private static string Explain(TurnContext ctx, string problem, string currency)
    {
        var parts = problem.Split(':');
        return parts[0] == "months"
            ? ctx.T($"La proposition (sur {parts[1]} mois) dépasse votre limite de {parts[2]} mois.", $"The proposal ({parts[1]} months) is longer than your limit of {parts[2]} months.")
            : ctx.T($"Les échéances proposées ({ctx.Money(long.Parse(parts[1], CultureInfo.InvariantCulture), currency)}) sont sous votre minimum de {ctx.Money(long.Parse(parts[2], CultureInfo.InvariantCulture), currency)}.", $"The proposed instalments ({ctx.Money(long.Parse(parts[1], CultureInfo.InvariantCulture), currency)}) are below your minimum of {ctx.Money(long.Parse(parts[2], CultureInfo.InvariantCulture), currency)}.");
    }

    /// <summary>The owner picked an offer: the plan starts and the written agreement waits for approval like any reminder.</summary>
    public static async Task<Outcome> AcceptAsync(TurnContext ctx, PendingPlan pending, int index)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(pending);
        if (index < 0 || index >= pending.Offers.Count)
            return Outcome.Say(ctx.T("Cette offre n'existe plus.", "That offer no longer exists."));
        var schedule = pending.Offers[index];
        var ids = JsonSerializer.Deserialize<long[]>(pending.InvoiceIds) ?? [];
        var draft = await ctx.Db.WriteAsync<Draft?>(async s =>
        {
            if (await s.Plans.OpenForClientAsync(ctx.Owner.Id, pending.ClientId).ConfigureAwait(false) is not null)
                return null;
            var invoices = (await s.Invoices.ByIdsAsync(ctx.Owner.Id, ids).ConfigureAwait(false)).Where(i => i.Status == InvoiceStatuses.Open).ToList();
            // The balance must be what the offers were computed on: a payment or a dispute meanwhile changes the deal.
            if (invoices.Sum(i => i.BalanceCents) != pending.BalanceCents)
                throw new ConcurrentChangeException();
            var policy = await PolicyAsync(s, ctx).ConfigureAwait(false);
            await s.Plans.CreateAsync(new Plan
            {
                OwnerId = ctx.Owner.Id,
                ClientId = pending.ClientId,
                Status = PlanStatuses.Active,
                TotalCents = pending.BalanceCents,
                Currency = pending.Currency,
                InvoiceIds = pending.InvoiceIds,
                GraceDays = policy.GraceDays,
            }, [.. schedule.Select(i => (i.Seq, i.Due, i.AmountCents))], TurnContext.Actor, ctx.Now).ConfigureAwait(false);
            await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, pending.ClientId, TurnContext.Actor, ctx.Now, "plan").ConfigureAwait(false);
            var client = await s.Clients.GetAsync(ctx.Owner.Id, pending.ClientId).ConfigureAwait(false);
            var (subject, body) = await ctx.Reminders.Composer.PlanAgreementAsync(s, ctx.Owner, client!, invoices, schedule, ctx.Lang, ctx.Today, letter: false, ctx.Ct).ConfigureAwait(false);
            return await s.Drafts.InsertAsync(new Draft
            {
                OwnerId = ctx.Owner.Id,
                ClientId = pending.ClientId,
                Step = AgreementStep,
                Language = ctx.Lang,
                Subject = subject,
                Body = body,
                InvoiceIds = pending.InvoiceIds,
                AmountCents = pending.BalanceCents,
                Currency = pending.Currency,
                ClientName = pending.ClientName,
            }, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
        }, ctx.Ct).ConfigureAwait(false);
        if (draft is null)
            return Outcome.Say(ctx.T("Un plan est déjà en cours pour ce client : rien n'a changé.", "A plan is already running for this client: nothing changed."));
        return await Drafting.ShowAsync(ctx, draft with { ClientName = pending.ClientName }, [],
            ctx.T($"✅ Plan enregistré pour {Markup.Bold(pending.ClientName)} ({schedule.Count} échéance(s)) ; les relances sur ces factures sont suspendues tant qu'il est respecté. Voici l'accord à envoyer :", $"✅ Plan recorded for {Markup.Bold(pending.ClientName)} ({schedule.Count} instalment(s)); reminders on these invoices are paused while it is honoured. Here is the agreement to send:")).ConfigureAwait(false);
    }

    public static async Task<Outcome> StatusAsync(TurnContext ctx, string? clientName)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var (client, problem) = await ClientLookup.FindAsync(ctx, clientName, "Le plan de quel client ? Ex. « où en est le plan de Dupont SARL ? ».", "Whose plan? E.g. \"plan status Acme Ltd\".").ConfigureAwait(false);
        if (client is null)
            return problem!;
        var (plan, instalments) = await ctx.Db.ReadAsync<(Plan?, IReadOnlyList<PlanInstalment>)>(async s =>
        {
            var p = await s.Plans.OpenForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false)
                ?? await s.Plans.LatestForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false);
            return (p, p is null ? [] : await s.Plans.InstalmentsAsync(ctx.Owner.Id, p.Id).ConfigureAwait(false));
        }, ctx.Ct).ConfigureAwait(false);
        if (plan is null)
            return Outcome.Say(ctx.T($"Aucun plan de paiement pour {Markup.Bold(client.Name)}.", $"No payment plan for {Markup.Bold(client.Name)}."));
        var sb = new StringBuilder();
        sb.Append("🗓️ ").Append(ctx.T($"Plan de {Markup.Bold(client.Name)} — {StatusText(ctx, plan.Status)}", $"{Markup.Bold(client.Name)}'s plan — {StatusText(ctx, plan.Status)}")).Append('\n');
        foreach (var i in instalments)
        {
            var mark = i.LeftCents == 0 ? "✅" : i.DueDate < ctx.Today ? "🔴" : i.DueDate == ctx.Today ? "🟡" : "⏳";
            sb.Append(mark).Append(' ').Append(ctx.T($"{i.Seq}. {ctx.Date(i.DueDate)} : {ctx.Money(i.AmountCents, plan.Currency)}", $"{i.Seq}. {ctx.Date(i.DueDate)}: {ctx.Money(i.AmountCents, plan.Currency)}"));
            if (i.PaidCents > 0 && i.LeftCents > 0)
                sb.Append(ctx.T($" (payé {ctx.Money(i.PaidCents, plan.Currency)})", $" ({ctx.Money(i.PaidCents, plan.Currency)} paid)"));
            else if (i.LeftCents > 0 && i.DueDate < ctx.Today)
                sb.Append(ctx.T($" — en retard de {Format.Duration(ctx.Today.DayNumber - i.DueDate.DayNumber, ctx.Lang)}", $" — {Format.Duration(ctx.Today.DayNumber - i.DueDate.DayNumber, ctx.Lang)} late"));
            sb.Append('\n');
        }

        var paid = instalments.Sum(i => i.PaidCents);
        sb.Append(ctx.T($"Payé : {ctx.Money(paid, plan.Currency)} sur {ctx.Money(plan.TotalCents, plan.Currency)}", $"Paid: {ctx.Money(paid, plan.Currency)} of {ctx.Money(plan.TotalCents, plan.Currency)}"));
        return Outcome.Say(sb.ToString());
    }

    private static string StatusText(TurnContext ctx, string status) => status switch
    {
        PlanStatuses.Active => ctx.T("en cours", "running"),
        PlanStatuses.Completed => ctx.T("terminé, tout est payé", "completed, all paid"),
        PlanStatuses.Breached => ctx.T("non respecté, en attente de votre décision", "broken, waiting for your decision"),
        _ => ctx.T("annulé", "cancelled"),
    };

    /// <summary>Cancels a running (or broken) plan: the ladder resumes on the whole balance.</summary>
    public static async Task<Outcome> EndAsync(TurnContext ctx, string? clientName, bool keep)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var (client, problem) = await ClientLookup.FindAsync(ctx, clientName, "Le plan de quel client ?", "Whose plan?").ConfigureAwait(false);
        if (client is null)
            return problem!;
        var done = await ctx.Db.WriteAsync(async s =>
        {
            var plan = await s.Plans.OpenForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false);
            if (plan is null || (keep && plan.Status != PlanStatuses.Breached))
                return false;
            return await s.Plans.SetStatusAsync(ctx.Owner.Id, plan.Id, plan.Status, keep ? PlanStatuses.Active : PlanStatuses.Cancelled, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
        }, ctx.Ct).ConfigureAwait(false);
        if (!done)
            return Outcome.Say(keep ? ctx.T($"Le plan de {Markup.Bold(client.Name)} n'est pas en défaut : rien à maintenir.", $"{Markup.Bold(client.Name)}'s plan is not broken: nothing to keep.") : ctx.T($"Aucun plan en cours pour {Markup.Bold(client.Name)}.", $"No running plan for {Markup.Bold(client.Name)}."));
        return Outcome.Say(keep
            ? ctx.T($"▶️ Le plan de {Markup.Bold(client.Name)} est maintenu : je continue de suivre ses échéances.", $"▶️ {Markup.Bold(client.Name)}'s plan is kept: I keep following its instalments.")
            : ctx.T($"⏹️ Plan de {Markup.Bold(client.Name)} annulé : les relances reprennent sur tout le solde (« relance {Markup.Escape(client.Name)} »).", $"⏹️ {Markup.Bold(client.Name)}'s plan is cancelled: reminders resume on the whole balance (\"remind {Markup.Escape(client.Name)}\")."));
    }

    /// <summary>"plan de 12 mois maximum", "mensualité minimale 100 €", "acompte 20 %", "premier paiement sous 10 jours".</summary>
    public static async Task<Outcome> PolicyChatAsync(TurnContext ctx, Entities e, string text)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        var folded = TextKey.Fold(text);
        var changes = new List<(string Column, long Value, string Said)>();
        if (e.Months is { } months)
        {
            if (months is < 1 or > 36)
                return Outcome.Say(ctx.T("Une durée de 1 à 36 mois, s'il vous plaît : rien n'a changé.", "Between 1 and 36 months, please: nothing changed."));
            changes.Add(("plan_max_months", months, ctx.T($"plan de {months} mois au plus", $"plans of at most {months} months")));
        }

        if (e.Amount is { } amount && (folded.Contains("minim", StringComparison.Ordinal) || folded.Contains("au moins", StringComparison.Ordinal) || folded.Contains("at least", StringComparison.Ordinal)))
        {
            if (amount <= 0 || Amounts.CentsOf(amount) > Amounts.MaxCents)
                return Outcome.Say(ctx.T("Le minimum doit être un montant positif : rien n'a changé.", "The minimum must be a positive amount: nothing changed."));
            changes.Add(("plan_min_instalment_cents", Amounts.CentsOf(amount)!.Value, ctx.T($"échéance minimale {ctx.Money(Amounts.CentsOf(amount)!.Value, "EUR")}", $"smallest instalment {ctx.Money(Amounts.CentsOf(amount)!.Value, "EUR")}")));
        }

        if (e.RateBp is { } bp && (folded.Contains("acompte", StringComparison.Ordinal) || folded.Contains("deposit", StringComparison.Ordinal)))
        {
            if (bp > 9000)
                return Outcome.Say(ctx.T("Un acompte de 90 % au plus : rien n'a changé.", "A deposit of 90% at most: nothing changed."));
            changes.Add(("plan_deposit_percent", bp / 100, ctx.T($"acompte {bp / 100} %", $"deposit {bp / 100}%")));
        }

        if (e.Days is { } days)
        {
            if (days is < 0 or > 90)
                return Outcome.Say(ctx.T("Un premier paiement sous 0 à 90 jours : rien n'a changé.", "A first payment within 0 to 90 days: nothing changed."));
            changes.Add(("plan_first_within_days", days, ctx.T($"premier paiement sous {days} jours", $"first payment within {days} days")));
        }

        if (changes.Count == 0)
            return Outcome.Say(ctx.T("Quelle limite changer ? Ex. « plan de 12 mois maximum », « mensualité minimale 100 € », « acompte 20 % », « premier paiement sous 10 jours ».", "Which limit? E.g. \"plans of 12 months max\", \"smallest instalment 100\", \"deposit 20%\", \"first payment within 10 days\"."));
        await ctx.Db.WriteAsync(s => s.Plans.SetPolicyAsync(ctx.Owner.Id, changes.ToDictionary(c => c.Column, c => c.Value), TurnContext.Actor, ctx.Now), ctx.Ct).ConfigureAwait(false);
        return Outcome.Say("✅ " + string.Join(", ", changes.Select(c => c.Said)) + ".");
    }
}
