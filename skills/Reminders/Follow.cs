using System.Globalization;
using System.Text;
using System.Text.Json;
using Recouvrement.Data;
using Recouvrement.Skills.Clients;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Fees;

namespace Recouvrement.Skills.Reminders;

/// <summary>list_drafts, the reminder history (the owner's proof of good faith) and late_fees.</summary>
public static class Follow
{
    public const int MaxDraftsShown = 5;

    public static async Task<Outcome> ListDraftsAsync(TurnContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var (drafts, attention) = await ctx.Db.ReadAsync(async s =>
        {
            var pending = await s.Drafts.PendingAsync(ctx.Owner.Id, 50).ConfigureAwait(false);
            var rows = await s.Outbox.NeedingOwnerAsync(ctx.Owner.Id).ConfigureAwait(false);
            return (pending, rows);
        }, ctx.Ct).ConfigureAwait(false);
        if (drafts.Count == 0 && attention.Count == 0)
            return Outcome.Say(ctx.T("Aucun brouillon n'attend votre validation. Pour en préparer un : « relance Dupont SARL ».", "No draft is waiting for your approval. To prepare one: \"remind Acme Ltd\"."));

        var replies = new List<Reply>();
        if (drafts.Count > 0)
            replies.Add(new Reply(ctx.T($"📝 {drafts.Count} brouillon(s) à valider :", $"📝 {drafts.Count} draft(s) to approve:")));
        foreach (var d in drafts.Take(MaxDraftsShown))
            replies.Add(await Drafting.RenderAsync(ctx, d, []).ConfigureAwait(false));
        if (drafts.Count > MaxDraftsShown)
            replies.Add(new Reply(ctx.T($"… et {drafts.Count - MaxDraftsShown} autre(s) : validez ceux-ci d'abord.", $"… and {drafts.Count - MaxDraftsShown} more: approve these first.")));
        foreach (var (message, client) in attention)
        {
            var id = message.Id.ToString(CultureInfo.InvariantCulture);
            replies.Add(message.Status == OutboxStatuses.Unknown
                ? new Reply(ctx.T(
                    $"⚠️ L'envoi à {Markup.Bold(client)} ({Markup.Escape(message.ToAddress)}) a été interrompu : je ne sais pas s'il est arrivé. « {Markup.Escape(message.Subject)} »",
                    $"⚠️ Sending to {Markup.Bold(client)} ({Markup.Escape(message.ToAddress)}) was interrupted: I don't know whether it arrived. \"{Markup.Escape(message.Subject)}\""),
                    [new(ctx.T("✔️ Il est bien parti", "✔️ It did go out"), $"o:d:{id}"), new(ctx.T("🔁 Renvoyer", "🔁 Send again"), $"o:s:{id}")])
                : new Reply(ctx.T(
                    $"📨 À envoyer vous-même à {Markup.Bold(client)} : « {Markup.Escape(message.Subject)} »\n\n{message.Body}",
                    $"📨 To send to {Markup.Bold(client)} yourself: \"{Markup.Escape(message.Subject)}\"\n\n{message.Body}"),
                    [new(ctx.T("📨 C'est envoyé", "📨 It's sent"), $"o:m:{id}")]));
        }

        return Outcome.Many(replies, Drafting.StateFor(replies));
    }

    public static async Task<Outcome> HistoryAsync(TurnContext ctx, string? clientName)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var (client, problem) = await ClientLookup.FindAsync(ctx, clientName, "L'historique de quel client ? Ex. « historique des relances Dupont SARL ».", "Whose history? E.g. \"reminder history Acme Ltd\".").ConfigureAwait(false);
        if (client is null)
            return problem!;
        var events = await ctx.Db.ReadAsync(s => s.Events.ForClientAsync(ctx.Owner.Id, client.Id), ctx.Ct).ConfigureAwait(false);
        var drafts = (await ctx.Db.ReadAsync(s => s.Drafts.ForClientAsync(ctx.Owner.Id, client.Id, 500), ctx.Ct).ConfigureAwait(false)).ToDictionary(d => d.Id);
        var zone = BusinessClock.Zone(ctx.Owner);
        var sb = new StringBuilder();
        sb.Append("🗂️ ").Append(ctx.T("Historique des relances — ", "Reminder history — ")).Append(Markup.Bold(client.Name)).Append('\n');
        var shown = 0;
        foreach (var e in events)
        {
            var what = Describe(ctx, e, drafts);
            if (what is null)
                continue;
            var local = TimeZoneInfo.ConvertTime(e.At, zone);
            sb.Append(local.ToString(ctx.Lang == "en" ? "d MMM yyyy HH:mm" : "dd/MM/yyyy HH:mm", Format.Culture(ctx.Lang))).Append(" — ").Append(what)
              .Append(e.Actor == "owner" ? ctx.T(" (vous)", " (you)") : e.Actor == "scheduler" ? ctx.T(" (planificateur)", " (scheduler)") : string.Empty).Append('\n');
            shown++;
        }

        if (shown == 0)
            sb.Append(ctx.T("Aucune relance pour ce client jusqu'ici.", "No reminder for this client so far.")).Append('\n');
        return Outcome.Say(sb.ToString().TrimEnd());
    }

    private static string? Describe(TurnContext ctx, Event e, IReadOnlyDictionary<long, Draft> drafts)
    {
        var step = e.Entity == "draft" && e.EntityId is { } id && drafts.TryGetValue(id, out var d) ? Drafting.StepLabel(d.Step, ctx.Lang) : null;
        return e.Kind switch
        {
            "draft_created" => ctx.T($"brouillon préparé : {step}", $"draft prepared: {step}"),
            "draft_edited" => ctx.T($"brouillon modifié : {step}", $"draft edited: {step}"),
            "draft_approved" => ctx.T($"approuvé : {step}", $"approved: {step}"),
            "draft_manual" => ctx.T($"approuvé, à envoyer par vous : {step}", $"approved, for you to send: {step}"),
            "draft_rejected" => ctx.T($"rejeté : {step}", $"rejected: {step}"),
            "draft_sent" => ctx.T($"✉️ envoyé : {step}", $"✉️ sent: {step}"),
            "draft_failed" => ctx.T($"❌ échec d'envoi : {step}", $"❌ sending failed: {step}"),
            "draft_obsolete" => ctx.T($"retiré (plus d'actualité) : {step}", $"withdrawn (out of date): {step}"),
            "send_retry" => ctx.T("nouvel essai d'envoi programmé", "send retry scheduled"),
            "send_interrupted" => ctx.T("⚠️ envoi interrompu (arrêt du service)", "⚠️ send interrupted (service stop)"),
            "dispute_opened" => ctx.T("⏸️ litige ouvert : relances suspendues", "⏸️ dispute opened: reminders suspended"),
            "dispute_resolved" => ctx.T("▶️ litige résolu", "▶️ dispute resolved"),
            "client_updated" when e.DataJson?.Contains("paused_until", StringComparison.Ordinal) == true => ctx.T("⏸️ promesse de paiement : relances en pause", "⏸️ promise to pay: reminders paused"),
            "client_updated" when e.DataJson?.Contains("formal_notice_on", StringComparison.Ordinal) == true => ctx.T("mise en demeure datée", "formal notice dated"),
            "client_updated" when e.DataJson?.Contains("reminder_plan", StringComparison.Ordinal) == true => ctx.T("plan de relance modifié", "reminder plan changed"),
            "payment_recorded" => ctx.T("💶 paiement reçu", "💶 payment received"),
            _ => null,
        };
    }

    public static async Task<Outcome> LateFeesAsync(TurnContext ctx, string? clientName, string? invoiceNumber)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (clientName is null && invoiceNumber is not null)
            clientName = (await ctx.Db.ReadAsync(s => s.Invoices.FindByNumberAsync(ctx.Owner.Id, invoiceNumber), ctx.Ct).ConfigureAwait(false))?.ClientName ?? clientName;
        var (client, problem) = await ClientLookup.FindAsync(ctx, clientName, "Pour quel client ? Ex. « pénalités Dupont SARL ».", "For which client? E.g. \"late fees Acme Ltd\".").ConfigureAwait(false);
        if (client is null)
            return problem!;
        var (fees, settings) = await ctx.Db.ReadAsync(async s =>
        {
            // Paid late still owes its interest (up to the payment day) and its 40 € indemnity: paid invoices count too.
            var open = (await s.Invoices.ForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false))
                .Where(i => i.Status is InvoiceStatuses.Open or InvoiceStatuses.Paid && i.DueDate < ctx.Today && (invoiceNumber is null || string.Equals(i.Number, invoiceNumber, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            var payments = await s.Payments.ForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false);
            var rates = new RateTable(await s.Rates.AllAsync().ConfigureAwait(false));
            var st = await s.Settings.GetAsync(ctx.Owner.Id).ConfigureAwait(false);
            return (LateFees.Compute(open, payments, ctx.Today, rates, client.Kind, st.ContractRateBp, client.FormalNoticeOn), st);
        }, ctx.Ct).ConfigureAwait(false);
        if (fees.Lines.Count == 0)
            return Outcome.Say(ctx.T($"{Markup.Bold(client.Name)} n'a aucune facture en retard, ni payée en retard : pas de pénalités.", $"{Markup.Bold(client.Name)} has no invoice overdue or paid late: no late fees."));

        var sb = new StringBuilder();
        sb.Append("⚖️ ").Append(ctx.T("Pénalités de retard — ", "Late fees — ")).Append(Markup.Bold(client.Name)).Append(ctx.T($" au {ctx.Date(ctx.Today)}", $" on {ctx.Date(ctx.Today)}")).Append('\n');
        foreach (var l in fees.Lines)
        {
            var paidLate = l.Invoice.Status == InvoiceStatuses.Paid;
            sb.Append("• ").Append(l.Invoice.Number is { } n ? ctx.T($"n° {Markup.Escape(n)}", $"no. {Markup.Escape(n)}") : ctx.T($"facture du {ctx.Date(l.Invoice.IssueDate)}", $"invoice of {ctx.Date(l.Invoice.IssueDate)}"))
              .Append(paidLate ? ctx.T(" (payée en retard)", " (paid late)") : string.Empty)
              .Append(ctx.T($" : {l.DaysLate} jours de retard, intérêts {ctx.Money(l.InterestCents, l.Invoice.Currency)}", $": {l.DaysLate} days late, interest {ctx.Money(l.InterestCents, l.Invoice.Currency)}"));
            if (l.IndemnityCents > 0)
                sb.Append(ctx.T($" + indemnité {ctx.Money(l.IndemnityCents, "EUR")}", $" + indemnity {ctx.Money(l.IndemnityCents, "EUR")}"));
            sb.Append('\n');
        }

        var rate = fees.RateBpNow is { } bp ? DraftComposer.Percent(bp, ctx.Lang) : "?";
        sb.Append(ctx.T("Total : ", "Total: ")).Append(Markup.Bold(ctx.Money(fees.InterestCents, fees.Currency)))
          .Append(ctx.T(" d'intérêts", " interest"));
        if (fees.IndemnityCents > 0)
            sb.Append(" + ").Append(Markup.Bold(ctx.Money(fees.IndemnityCents, "EUR"))).Append(ctx.T(" d'indemnités forfaitaires (40 € par facture, D441-5)", " fixed indemnities (€40 per invoice, D441-5)"));
        sb.Append('\n').Append(fees.Basis switch
        {
            FeeBasis.Contract => ctx.T($"Taux : {rate}, celui de vos conditions générales.", $"Rate: {rate}, from your terms and conditions."),
            FeeBasis.Individual => ctx.T($"Particulier : pas d'indemnité de 40 € ; intérêts au taux légal ({rate}) à compter de la mise en demeure.", $"Consumer: no €40 indemnity; interest at the legal rate ({rate}) from the formal notice."),
            _ => ctx.T($"Taux : {rate} (taux de refinancement de la BCE du semestre + 10 points, L441-10), intérêts simples par jour de retard.", $"Rate: {rate} (the half-year's ECB refinancing rate + 10 points, L441-10), simple interest per day late."),
        });
        if (fees.WaitingForFormalNotice)
            sb.Append('\n').Append(ctx.T("Aucune mise en demeure envoyée : les intérêts ne courent pas encore.", "No formal notice sent yet: interest is not running."));
        if (fees.FallbackHalfYears.Count > 0)
            sb.Append("\n⚠️ ").Append(ctx.T($"Taux du semestre commençant le {ctx.Date(fees.FallbackHalfYears[^1])} inconnu : dernier taux connu utilisé.", $"Rate for the half-year starting {ctx.Date(fees.FallbackHalfYears[^1])} unknown: last known rate used."));
        if (fees.ContractRateBelowFloor)
            sb.Append("\n⚠️ ").Append(ctx.T("Votre taux contractuel est inférieur à 3 fois le taux légal, le minimum autorisé (L441-10).", "Your contractual rate is below 3 times the legal rate, the lowest allowed (L441-10)."));
        _ = settings;
        return Outcome.Say(sb.ToString());
    }
}
