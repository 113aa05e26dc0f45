using Recouvrement.Data;
using Recouvrement.Skills.Clients;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Documents;

/// <summary>Documents the owner asks for: the statement of account (PDF).</summary>
public sealed class DocumentsSkill : ISkill
{
    public void Map(SkillMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Intent(Intents.Statement, (ctx, r, _) => Statements.StatementAsync(ctx, r.Entities.Client), readOnly: true);
    }
}

public static class Statements
{
    /// <summary>« relevé de compte Dupont SARL »: a PDF of every invoice, payment and credit note with the running balance.</summary>
    public static async Task<Outcome> StatementAsync(TurnContext ctx, string? clientName)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var (client, problem) = await ClientLookup.FindAsync(ctx, clientName, "Pour quel client ? Ex. « relevé de compte Dupont SARL ».", "For which client? E.g. \"statement of account for Acme Ltd\".").ConfigureAwait(false);
        if (client is null)
            return problem!;
        var (settings, invoices, payments) = await ctx.Db.ReadAsync(async s => (
            await s.Settings.GetAsync(ctx.Owner.Id).ConfigureAwait(false),
            await s.Invoices.ForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false),
            await s.Payments.ForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false)), ctx.Ct).ConfigureAwait(false);
        var kept = invoices.Where(i => i.Status != InvoiceStatuses.Cancelled).ToList();
        if (kept.Count == 0)
            return Outcome.Say(ctx.T($"Rien à montrer pour {Markup.Bold(client.Name)} : aucune facture enregistrée, donc pas de relevé.", $"Nothing to show for {Markup.Bold(client.Name)}: no invoice recorded, so no statement."));

        // One currency per statement: the client's main one (others are said, not mixed into one balance).
        var currency = kept.GroupBy(i => i.Currency).OrderByDescending(g => g.Count()).First().Key;
        var inCurrency = kept.Where(i => i.Currency == currency).ToList();
        var numbers = inCurrency.ToDictionary(i => i.Id, i => i.Number);
        var lines = new List<StatementLine>();
        foreach (var i in inCurrency)
        {
            var label = i.Number is null ? ctx.T("Facture", "Invoice") : ctx.T($"Facture n° {i.Number}", $"Invoice no. {i.Number}");
            lines.Add(new StatementLine(i.IssueDate, label + ctx.T($" (échéance {ctx.Date(i.DueDate)})", $" (due {ctx.Date(i.DueDate)})"), i.AmountCents, 0));
        }

        foreach (var p in payments.Where(p => numbers.ContainsKey(p.InvoiceId)))
        {
            var on = numbers[p.InvoiceId] is { } n ? ctx.T($" — facture n° {n}", $" — invoice no. {n}") : string.Empty;
            lines.Add(new StatementLine(p.PaidOn, (p.Kind == PaymentKind.Credit ? ctx.T("Avoir", "Credit note") : ctx.T("Paiement reçu", "Payment received")) + on, 0, p.AmountCents));
        }

        var open = inCurrency.Where(i => i.Status is InvoiceStatuses.Open or InvoiceStatuses.Disputed && i.BalanceCents > 0).ToList();
        long Bucket(int from, int to) => open.Where(i => ctx.Today.DayNumber - i.DueDate.DayNumber is var d && d >= from && d <= to).Sum(i => i.BalanceCents);
        var aging = new List<(string, long)>
        {
            (ctx.T("Non échu", "Not yet due"), Bucket(int.MinValue, 0)),
            (ctx.T("1 à 30 jours de retard", "1–30 days late"), Bucket(1, 30)),
            (ctx.T("31 à 60 jours", "31–60 days"), Bucket(31, 60)),
            (ctx.T("61 à 90 jours", "61–90 days"), Bucket(61, 90)),
            (ctx.T("Plus de 90 jours", "Over 90 days"), Bucket(91, int.MaxValue)),
        };
        var from = lines.Min(l => l.Date);
        var pdf = StatementPdf.Build(settings, client, lines, aging, currency, from, ctx.Today, client.MessageLanguage);
        var due = lines.Sum(l => l.DebitCents - l.CreditCents);
        var file = $"releve-{Slug(client.Name)}-{ctx.Today:yyyy-MM-dd}.pdf";
        var other = kept.Count != inCurrency.Count ? ctx.T(" Les factures dans une autre devise n'y figurent pas.", " Invoices in another currency are not in it.") : string.Empty;
        var text = ctx.T($"📄 Relevé de compte de {Markup.Bold(client.Name)} ({inCurrency.Count} facture(s), {lines.Count - inCurrency.Count} règlement(s)) : reste dû {Markup.Bold(ctx.Money(due, currency))}.{other}",
            $"📄 Statement of account for {Markup.Bold(client.Name)} ({inCurrency.Count} invoice(s), {lines.Count - inCurrency.Count} payment(s)): {Markup.Bold(ctx.Money(due, currency))} due.{other}");
        return new Outcome([new Reply(text, [], new ReplyAttachment(file, "application/pdf", pdf))], null);
    }

    private static string Slug(string name) =>
        new string([.. new FoldedText(name).Folded.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-') is { Length: > 0 } s ? s : "client";
}
