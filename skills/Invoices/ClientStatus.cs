using System.Globalization;
using System.Text;
using Recouvrement.Data;
using Recouvrement.Skills.Clients;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Invoices;

/// <summary>client_status: one client's open invoices, how late each is, what they paid and when.</summary>
public static class ClientStatus
{
    public const int MaxInvoices = 10;

    public static async Task<Outcome> HandleAsync(TurnContext ctx, string? clientName, long? clientId = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        Client? client;
        if (clientId is { } id)
        {
            client = await ctx.Db.ReadAsync(s => s.Clients.GetAsync(ctx.Owner.Id, id), ctx.Ct).ConfigureAwait(false);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(clientName))
                return Outcome.Say(ctx.T("De quel client voulez-vous la situation ? Ex. « où en est Dupont SARL ? »", "Which client? E.g. \"status of Acme Ltd\"."));
            var match = await ctx.Db.ReadAsync(s => ClientResolver.ResolveAsync(s, ctx.Owner.Id, clientName), ctx.Ct).ConfigureAwait(false);
            if (match.Kind == MatchKind.Near)
            {
                if (match.Candidates.Count == 1)
                {
                    client = match.Candidates[0];
                }
                else
                {
                    var set = new ChoiceSet();
                    foreach (var c in match.Candidates)
                        set.Add(c.Name, "status", c.Id.ToString(CultureInfo.InvariantCulture));
                    return Outcome.Ask(ctx.T($"Quel client voulez-vous dire par « {Markup.Escape(clientName)} » ?", $"Which client do you mean by \"{Markup.Escape(clientName)}\"?"), DialogState.Buttons(set.ToList()));
                }
            }
            else
            {
                client = match.Client;
            }
        }

        if (client is null)
            return Outcome.Say(ctx.T($"Je ne connais pas de client « {Markup.Escape(clientName)} ».", $"I don't know any client \"{Markup.Escape(clientName)}\"."));

        var (invoices, payments) = await ctx.Db.ReadAsync(async s =>
            (await s.Invoices.ForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false), await s.Payments.ForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false)), ctx.Ct).ConfigureAwait(false);
        var open = invoices.Where(i => i.Status == InvoiceStatuses.Open).ToList();
        var sb = new StringBuilder();
        sb.Append("📇 ").Append(Markup.Bold(client.Name));
        if (client.Kind == ClientKinds.Individual)
            sb.Append(ctx.T(" (particulier)", " (individual)"));
        sb.Append('\n');
        if (open.Count == 0)
        {
            sb.Append(ctx.T("Aucune facture en attente de paiement.", "No invoice awaiting payment.")).Append('\n');
        }
        else
        {
            foreach (var group in open.GroupBy(i => i.Currency))
            {
                var total = group.Sum(i => i.BalanceCents);
                var late = group.Where(i => i.DueDate < ctx.Today).Sum(i => i.BalanceCents);
                sb.Append(ctx.T("Doit : ", "Owes: ")).Append(Markup.Bold(ctx.Money(total, group.Key)));
                if (late > 0)
                    sb.Append(ctx.T($", dont {ctx.Money(late, group.Key)} en retard", $", {ctx.Money(late, group.Key)} overdue"));
                sb.Append('\n');
            }

            foreach (var i in open.Take(MaxInvoices))
            {
                sb.Append(i.DueDate < ctx.Today ? "🔴 " : "🟢 ").Append(RecordPayment.Describe(ctx, i));
                if (i.PaidCents > 0)
                    sb.Append(ctx.T($", déjà payé {ctx.Money(i.PaidCents, i.Currency)}", $", {ctx.Money(i.PaidCents, i.Currency)} already paid"));
                sb.Append(" — ").Append(Format.DueRelative(i.DueDate, ctx.Today, ctx.Lang)).Append('\n');
            }

            if (open.Count > MaxInvoices)
                sb.Append(ctx.T($"… et {open.Count - MaxInvoices} autre(s).", $"… and {open.Count - MaxInvoices} more.")).Append('\n');
        }

        var paidCount = invoices.Count(i => i.Status == InvoiceStatuses.Paid);
        if (payments.Count > 0)
        {
            var last = payments[^1];
            sb.Append(ctx.T(
                $"Payé à ce jour : {string.Join(" + ", payments.GroupBy(p => p.Currency).Select(g => ctx.Money(g.Sum(p => p.AmountCents), g.Key)))} ({paidCount} facture(s) soldée(s)) ; dernier paiement le {ctx.Date(last.PaidOn)}.",
                $"Paid so far: {string.Join(" + ", payments.GroupBy(p => p.Currency).Select(g => ctx.Money(g.Sum(p => p.AmountCents), g.Key)))} ({paidCount} invoice(s) settled); last payment on {ctx.Date(last.PaidOn)}."));
        }

        return Outcome.Say(sb.ToString().TrimEnd());
    }
}
