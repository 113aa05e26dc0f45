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
        var statement = await ctx.Db.ReadAsync(s => BuildAsync(s, ctx, client), ctx.Ct).ConfigureAwait(false);
        if (statement is not { } st)
            return Outcome.Say(ctx.T($"Rien à montrer pour {Markup.Bold(client.Name)} : aucune facture enregistrée, donc pas de relevé.", $"Nothing to show for {Markup.Bold(client.Name)}: no invoice recorded, so no statement."));
        var file = FileName(client, ctx.Today);
        var other = st.OtherCurrency ? ctx.T(" Les factures dans une autre devise n'y figurent pas.", " Invoices in another currency are not in it.") : string.Empty;
        var text = ctx.T($"📄 Relevé de compte de {Markup.Bold(client.Name)} ({st.Invoices} facture(s), {st.Payments} règlement(s)) : reste dû {Markup.Bold(ctx.Money(st.DueCents, st.Currency))}.{other}",
            $"📄 Statement of account for {Markup.Bold(client.Name)} ({st.Invoices} invoice(s), {st.Payments} payment(s)): {Markup.Bold(ctx.Money(st.DueCents, st.Currency))} due.{other}");
        return new Outcome([new Reply(text, [], new ReplyAttachment(file, "application/pdf", st.Pdf))], null);
    }

    /// <summary>The statement of one client in its main currency, in the client's language; null when it has no invoice.</summary>
    public static async Task<Statement?> BuildAsync(Session s, TurnContext ctx, Client client)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(client);
        var settings = await s.Settings.GetAsync(ctx.Owner.Id).ConfigureAwait(false);
        var invoices = await s.Invoices.ForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false);
        var payments = await s.Payments.ForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false);
        return Build(settings, client, invoices, payments, ctx.Today);
    }

    public static Statement? Build(OwnerSettings settings, Client client, IReadOnlyList<Invoice> invoices, IReadOnlyList<Payment> payments, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(payments);
        var kept = invoices.Where(i => i.Status != InvoiceStatuses.Cancelled).ToList();
        if (kept.Count == 0)
            return null;
        var lang = client.MessageLanguage;
        string T(string fr, string en) => Say.Pick(lang, fr, en);

        // One currency per statement: the client's main one (others are said, not mixed into one balance).
        var currency = kept.GroupBy(i => i.Currency).OrderByDescending(g => g.Count()).First().Key;
        var inCurrency = kept.Where(i => i.Currency == currency).ToList();
        var numbers = inCurrency.ToDictionary(i => i.Id, i => i.Number);
        var lines = new List<StatementLine>();
        foreach (var i in inCurrency)
        {
            var label = i.Number is null ? T("Facture", "Invoice") : T($"Facture n° {i.Number}", $"Invoice no. {i.Number}");
            lines.Add(new StatementLine(i.IssueDate, label + T($" (échéance {Format.Date(i.DueDate, lang)})", $" (due {Format.Date(i.DueDate, lang)})"), i.AmountCents, 0));
        }

        foreach (var p in payments.Where(p => numbers.ContainsKey(p.InvoiceId)))
        {
            var on = numbers[p.InvoiceId] is { } n ? T($" — facture n° {n}", $" — invoice no. {n}") : string.Empty;
            lines.Add(new StatementLine(p.PaidOn, (p.Kind == PaymentKind.Credit ? T("Avoir", "Credit note") : T("Paiement reçu", "Payment received")) + on, 0, p.AmountCents));
        }

        var open = inCurrency.Where(i => i.Status is InvoiceStatuses.Open or InvoiceStatuses.Disputed && i.BalanceCents > 0).ToList();
        long Bucket(int from, int to) => open.Where(i => today.DayNumber - i.DueDate.DayNumber is var d && d >= from && d <= to).Sum(i => i.BalanceCents);
        var aging = new List<(string, long)>
        {
            (T("Non échu", "Not yet due"), Bucket(int.MinValue, 0)),
            (T("1 à 30 jours de retard", "1–30 days late"), Bucket(1, 30)),
            (T("31 à 60 jours", "31–60 days"), Bucket(31, 60)),
            (T("61 à 90 jours", "61–90 days"), Bucket(61, 90)),
            (T("Plus de 90 jours", "Over 90 days"), Bucket(91, int.MaxValue)),
        };
        var pdf = StatementPdf.Build(settings, client, lines, aging, currency, lines.Min(l => l.Date), today, lang);
        return new Statement(pdf, inCurrency.Count, lines.Count - inCurrency.Count, lines.Sum(l => l.DebitCents - l.CreditCents), currency, kept.Count != inCurrency.Count);
    }

    public static string FileName(Client client, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Say.Pick(client.MessageLanguage, "releve", "statement") + $"-{Slug(client.Name)}-{day:yyyy-MM-dd}.pdf";
    }

    internal static string Slug(string name) =>
        new string([.. new FoldedText(name).Folded.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-') is { Length: > 0 } s ? s : "client";
}

/// <summary>A statement of account as a PDF, with the figures the reply repeats.</summary>
public sealed record Statement(byte[] Pdf, int Invoices, int Payments, long DueCents, string Currency, bool OtherCurrency);
