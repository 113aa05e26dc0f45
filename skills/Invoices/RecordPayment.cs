using System.Globalization;
using Recouvrement.Data;
using Recouvrement.Skills.Clients;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Invoices;

/// <summary>
/// record_payment: by invoice number or by client. An amount that matches one invoice goes to it; the whole balance
/// settles everything; any other amount over several invoices is the owner's call (oldest first, or one of them).
/// Overpayment, a closed invoice or another currency: refused, nothing written.
/// </summary>
public static class RecordPayment
{
    public static PendingPayment FromEntities(Entities e, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new PendingPayment
        {
            ClientName = e.Client,
            Number = e.InvoiceNumber,
            AmountCents = Amounts.CentsOf(e.Amount),
            Currency = e.CurrencyExplicit ? e.Currency : null,
            PaidOn = e.Date is { } d && d <= today ? d : today,
        };
    }

    public static async Task<Outcome> ContinueAsync(TurnContext ctx, PendingPayment p)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(p);
        if (p.AmountCents is { } bad && !LogInvoice.ValidAmount(bad))
            return Outcome.Ask(LogInvoice.AmountProblem(ctx, bad) + " " + ctx.T("Quel montant avez-vous reçu ?", "How much did you receive?"), State(p with { AmountCents = null }, Slot.Amount, []));

        // 1. Which invoices.
        IReadOnlyList<Invoice> open;
        string clientName;
        if (p.Number is { } number)
        {
            var invoice = await ctx.Db.ReadAsync(s => s.Invoices.FindByNumberAsync(ctx.Owner.Id, number), ctx.Ct).ConfigureAwait(false);
            if (invoice is null)
                return Outcome.Say(ctx.T($"Je ne trouve pas de facture n° {Markup.Bold(number)}. Rien n'a été enregistré.", $"I can't find invoice no. {Markup.Bold(number)}. Nothing was saved."));
            if (invoice.Status != InvoiceStatuses.Open)
                return Outcome.Say(ctx.T($"La facture n° {Markup.Bold(number)} n'est plus en attente de paiement ({StatusText(ctx, invoice.Status)}). Rien n'a été enregistré.", $"Invoice no. {Markup.Bold(number)} is no longer awaiting payment ({StatusText(ctx, invoice.Status)}). Nothing was saved."));
            open = [invoice];
            clientName = invoice.ClientName ?? string.Empty;
            p = p with { InvoiceId = invoice.Id };
        }
        else
        {
            if (p.ClientId is null)
            {
                if (string.IsNullOrWhiteSpace(p.ClientName))
                    return Outcome.Ask(ctx.T("Quel client a payé ? (nom du client ou n° de facture)", "Which client paid? (client name or invoice number)"), State(p, Slot.Client, []));
                var match = await ctx.Db.ReadAsync(s => ClientResolver.ResolveAsync(s, ctx.Owner.Id, p.ClientName), ctx.Ct).ConfigureAwait(false);
                if (match.Kind == MatchKind.Near)
                {
                    var set = new ChoiceSet();
                    foreach (var c in match.Candidates)
                        set.Add(c.Name, "client", c.Id.ToString(CultureInfo.InvariantCulture));
                    return Outcome.Ask(ctx.T($"Quel client voulez-vous dire par « {Markup.Escape(p.ClientName)} » ?", $"Which client do you mean by \"{Markup.Escape(p.ClientName)}\"?"), State(p, Slot.Choice, set.ToList()));
                }

                if (match.Kind == MatchKind.None)
                    return Outcome.Say(ctx.T($"Je ne connais pas de client « {Markup.Escape(p.ClientName)} ». Rien n'a été enregistré.", $"I don't know any client \"{Markup.Escape(p.ClientName)}\". Nothing was saved."));
                p = p with { ClientId = match.Client!.Id, ClientName = match.Client.Name };
            }

            var clientId = p.ClientId!.Value;
            open = await ctx.Db.ReadAsync(s => s.Invoices.OpenForClientAsync(ctx.Owner.Id, clientId), ctx.Ct).ConfigureAwait(false);
            clientName = p.ClientName ?? string.Empty;
            if (open.Count == 0)
                return Outcome.Say(ctx.T($"{Markup.Bold(clientName)} n'a aucune facture en attente de paiement. Rien n'a été enregistré.", $"{Markup.Bold(clientName)} has no invoice awaiting payment. Nothing was saved."));
        }

        // 2. One currency at a time.
        var currencies = open.Select(i => i.Currency).Distinct().ToList();
        var currency = p.Currency ?? (currencies.Count == 1 ? currencies[0] : null);
        if (currency is null)
            return Outcome.Say(ctx.T("Ce client a des factures en plusieurs devises : précisez la devise du paiement (ex. 500 USD).", "This client has invoices in several currencies: say the payment's currency (e.g. 500 USD)."));
        open = [.. open.Where(i => i.Currency == currency)];
        if (open.Count == 0)
            return Outcome.Say(ctx.T($"Aucune facture en {currency} en attente pour {Markup.Bold(clientName)}. Rien n'a été enregistré.", $"No outstanding {currency} invoice for {Markup.Bold(clientName)}. Nothing was saved."));
        var balance = open.Sum(i => i.BalanceCents);

        // 3. How much.
        if (p.AmountCents is null && !p.FullBalance)
        {
            var set = new ChoiceSet()
                .Add(ctx.T($"Oui, la totalité ({ctx.Money(balance, currency)})", $"Yes, in full ({ctx.Money(balance, currency)})"), "pay_full")
                .Add(ctx.T("Non, un montant partiel", "No, part of it"), "pay_partial");
            var what = open.Count == 1 ? Describe(ctx, open[0]) : ctx.T($"{open.Count} factures", $"{open.Count} invoices");
            return Outcome.Ask(ctx.T($"{Markup.Bold(clientName)} a-t-il réglé la totalité ({what}, {Markup.Bold(ctx.Money(balance, currency))}) ?", $"Did {Markup.Bold(clientName)} pay in full ({what}, {Markup.Bold(ctx.Money(balance, currency))})?"), State(p, Slot.Choice, set.ToList()));
        }

        var amount = p.FullBalance ? balance : p.AmountCents!.Value;
        if (amount > balance)
        {
            return Outcome.Say(ctx.T(
                $"Ce paiement ({ctx.Money(amount, currency)}) dépasse ce que doit {Markup.Bold(clientName)} ({ctx.Money(balance, currency)}). Rien n'a été enregistré : vérifiez le montant ou la facture.",
                $"That payment ({ctx.Money(amount, currency)}) is more than {Markup.Bold(clientName)} owes ({ctx.Money(balance, currency)}). Nothing was saved: check the amount or the invoice."));
        }

        // 4. Where it goes.
        List<(Invoice Invoice, long Cents)> plan;
        if (p.InvoiceId is { } chosen && chosen != 0)
        {
            var target = open.FirstOrDefault(i => i.Id == chosen);
            if (target is null)
                return Outcome.Say(ctx.T("Cette facture n'est plus en attente de paiement. Rien n'a été enregistré.", "That invoice is no longer awaiting payment. Nothing was saved."));
            if (amount > target.BalanceCents)
                return Outcome.Say(ctx.T($"Ce paiement dépasse le solde de cette facture ({ctx.Money(target.BalanceCents, currency)}). Rien n'a été enregistré.", $"That payment is more than this invoice's balance ({ctx.Money(target.BalanceCents, currency)}). Nothing was saved."));
            plan = [(target, amount)];
        }
        else if (open.Count == 1 || amount == balance || p.InvoiceId == 0
                 || await ctx.Db.ReadAsync(s => s.Plans.OpenForClientAsync(ctx.Owner.Id, open[0].ClientId), ctx.Ct).ConfigureAwait(false) is not null)
        {
            // A client on a payment plan pays the plan: its invoices are settled oldest first, no question asked.
            plan = OldestFirst(open, amount);
        }
        else if (open.Where(i => i.BalanceCents == amount).Take(2).Count() == 1)
        {
            plan = [(open.First(i => i.BalanceCents == amount), amount)];
        }
        else
        {
            var set = new ChoiceSet().Add(ctx.T("Les plus anciennes d'abord", "Oldest first"), "pay_oldest");
            foreach (var i in open.Where(i => i.BalanceCents >= amount).Take(5))
                set.Add(Describe(ctx, i), "pay_invoice", i.Id.ToString(CultureInfo.InvariantCulture));
            return Outcome.Ask(ctx.T(
                $"{Markup.Bold(clientName)} a {open.Count} factures en attente. Sur laquelle imputer {Markup.Bold(ctx.Money(amount, currency))} ?",
                $"{Markup.Bold(clientName)} has {open.Count} outstanding invoices. Which should {Markup.Bold(ctx.Money(amount, currency))} go to?"), State(p with { AmountCents = amount }, Slot.Choice, set.ToList()));
        }

        var paidOn = p.PaidOn ?? ctx.Today;
        var clientOf = plan[0].Invoice.ClientId;

        // The same amount from the same client already recorded that day: sent twice, or really a second payment?
        if (!p.TwinConfirmed && await ctx.Db.ReadAsync(s => s.Payments.SameDayTotalAsync(ctx.Owner.Id, clientOf, paidOn), ctx.Ct).ConfigureAwait(false) == amount)
        {
            var set = new ChoiceSet().Add(ctx.T("Oui, encore un paiement", "Yes, another payment"), "pay_again").Add(ctx.T("Non", "No"), "cancel");
            return Outcome.Ask(ctx.T(
                $"Un paiement de {Markup.Bold(ctx.Money(amount, currency))} de {Markup.Bold(clientName)} est déjà enregistré le {ctx.Date(paidOn)}. Encore un paiement ?",
                $"A payment of {Markup.Bold(ctx.Money(amount, currency))} from {Markup.Bold(clientName)} is already recorded on {ctx.Date(paidOn)}. Another payment?"),
                State(p with { AmountCents = amount, FullBalance = false, InvoiceId = plan.Count == 1 ? plan[0].Invoice.Id : p.InvoiceId }, Slot.Choice, set.ToList()));
        }

        var paymentIds = new List<long>();
        var planned = await ctx.Db.WriteAsync(async s =>
        {
            paymentIds.Clear();
            foreach (var (invoice, cents) in plan)
                paymentIds.Add(await s.Invoices.RecordPaymentAsync(invoice, cents, paidOn, TurnContext.Actor, ctx.Now).ConfigureAwait(false) ?? throw new ConcurrentChangeException());

            // A client on a payment plan: the money goes to its instalments too, oldest first.
            return await s.Plans.AllocateAsync(ctx.Owner.Id, clientOf, amount, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
        }, ctx.Ct).ConfigureAwait(false);

        var lines = plan.Select(x =>
        {
            var left = x.Invoice.BalanceCents - x.Cents;
            return left == 0
                ? ctx.T($"• {Describe(ctx, x.Invoice)} : soldée ✔️", $"• {Describe(ctx, x.Invoice)}: paid in full ✔️")
                : ctx.T($"• {Describe(ctx, x.Invoice)} : reste {ctx.Money(left, currency)}", $"• {Describe(ctx, x.Invoice)}: {ctx.Money(left, currency)} left");
        });
        // What the client still owes overall, not only on the invoices this payment touched.
        var remaining = (await ctx.Db.ReadAsync(s => s.Invoices.BalancesAsync(ctx.Owner.Id, ctx.Today, clientOf), ctx.Ct).ConfigureAwait(false))
            .Where(b => b.Currency == currency).Sum(b => b.BalanceCents);
        var tail = remaining == 0
            ? ctx.T($"{Markup.Escape(clientName)} ne vous doit plus rien 🎉", $"{Markup.Escape(clientName)} owes you nothing now 🎉")
            : ctx.T($"Reste dû par {Markup.Escape(clientName)} : {Markup.Bold(ctx.Money(remaining, currency))}", $"Still owed by {Markup.Escape(clientName)}: {Markup.Bold(ctx.Money(remaining, currency))}");
        if (planned.Count > 0)
        {
            tail += "\n" + ctx.T("🗓️ Plan de paiement : ", "🗓️ Payment plan: ") + string.Join(", ", planned.Select(p => ctx.T(
                $"échéance {p.Seq} ({ctx.Money(p.Cents, currency)})", $"instalment {p.Seq} ({ctx.Money(p.Cents, currency)})")));
        }

        var undo = new ChoiceSet().Add(ctx.T("Annuler ce paiement", "Undo this payment"), "undo_payments", string.Join(',', paymentIds.Select(id => id.ToString(CultureInfo.InvariantCulture))));
        return Outcome.Ask(ctx.T(
            $"✅ Paiement de {Markup.Bold(ctx.Money(amount, currency))} enregistré pour {Markup.Bold(clientName)} (le {ctx.Date(paidOn)}).\n{string.Join('\n', lines)}\n{tail}",
            $"✅ Payment of {Markup.Bold(ctx.Money(amount, currency))} recorded for {Markup.Bold(clientName)} (on {ctx.Date(paidOn)}).\n{string.Join('\n', lines)}\n{tail}"),
            DialogState.Buttons(undo.ToList()));
    }

    private static List<(Invoice, long)> OldestFirst(IReadOnlyList<Invoice> open, long amount)
    {
        var plan = new List<(Invoice, long)>();
        foreach (var invoice in open)
        {
            if (amount == 0)
                break;
            var part = Math.Min(amount, invoice.BalanceCents);
            plan.Add((invoice, part));
            amount -= part;
        }

        return plan;
    }

    internal static string Describe(TurnContext ctx, Invoice i) =>
        i.Number is { } n
            ? ctx.T($"n° {Markup.Escape(n)} ({ctx.Money(i.BalanceCents, i.Currency)}, échéance {ctx.Date(i.DueDate)})", $"no. {Markup.Escape(n)} ({ctx.Money(i.BalanceCents, i.Currency)}, due {ctx.Date(i.DueDate)})")
            : ctx.T($"facture du {ctx.Date(i.IssueDate)} ({ctx.Money(i.BalanceCents, i.Currency)}, échéance {ctx.Date(i.DueDate)})", $"invoice of {ctx.Date(i.IssueDate)} ({ctx.Money(i.BalanceCents, i.Currency)}, due {ctx.Date(i.DueDate)})");

    private static string StatusText(TurnContext ctx, string status) => status switch
    {
        InvoiceStatuses.Paid => ctx.T("déjà réglée", "already paid"),
        InvoiceStatuses.Disputed => ctx.T("contestée", "disputed"),
        _ => ctx.T("annulée", "cancelled"),
    };

    private static DialogState State(PendingPayment p, Slot awaiting, IReadOnlyList<Choice> choices) =>
        new() { Entry = p, Awaiting = awaiting, Choices = choices };
}

/// <summary>The store changed between reading and writing (another turn, another instance): the transaction is rolled back.</summary>
public sealed class ConcurrentChangeException : Exception
{
    public ConcurrentChangeException()
        : base("The invoice changed while the payment was being recorded.")
    {
    }

    public ConcurrentChangeException(string message)
        : base(message)
    {
    }

    public ConcurrentChangeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
