using Recouvrement.Data;
using Recouvrement.Skills.Clients;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Invoices;

/// <summary>
/// log_invoice: fills the missing slots one question at a time, refuses a number already used, asks before
/// creating a near-duplicate client or a twin invoice, then writes client + invoice + events in one transaction.
/// </summary>
public static class LogInvoice
{
    public static PendingInvoice FromEntities(Entities e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new PendingInvoice
        {
            ClientName = e.Client,
            KindHint = e.KindHint,
            AmountCents = Amounts.CentsOf(e.Amount),
            Currency = e.Currency,
            DueDate = e.DueDate,
            IssueDate = e.IssueDate,
            Number = e.InvoiceNumber,
        };
    }

    public static async Task<Outcome> ContinueAsync(TurnContext ctx, PendingInvoice p, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(p);
        var lead = prefix is null ? string.Empty : prefix + "\n";

        if (p.AmountCents is { } bad && !ValidAmount(bad))
            return AskAmount(ctx, p with { AmountCents = null }, lead + AmountProblem(ctx, bad));

        if (p.Number is { } number)
        {
            var existing = await ctx.Db.ReadAsync(s => s.Invoices.FindByNumberAsync(ctx.Owner.Id, number), ctx.Ct).ConfigureAwait(false);
            if (existing is not null)
            {
                return Outcome.Say(lead + ctx.T(
                    $"La facture n° {Markup.Bold(number)} existe déjà ({Markup.Escape(existing.ClientName)}, {ctx.Money(existing.AmountCents, existing.Currency)}) : rien n'a été enregistré.",
                    $"Invoice no. {Markup.Bold(number)} already exists ({Markup.Escape(existing.ClientName)}, {ctx.Money(existing.AmountCents, existing.Currency)}): nothing was saved."));
            }
        }

        if (p.ClientId is null && string.IsNullOrWhiteSpace(p.ClientName))
            return Outcome.Ask(lead + ctx.T("Pour quel client ?", "Which client is it for?"), State(p, Slot.Client, []));

        if (p.ClientId is null && !p.NewClientConfirmed)
        {
            if (!ClientNameIsValid(p.ClientName!))
                return Outcome.Ask(lead + ClientNameProblem(ctx), State(p with { ClientName = null }, Slot.Client, []));
            var match = await ctx.Db.ReadAsync(s => ClientResolver.ResolveAsync(s, ctx.Owner.Id, p.ClientName!), ctx.Ct).ConfigureAwait(false);
            switch (match.Kind)
            {
                case MatchKind.Exact:
                    p = p with { ClientId = match.Client!.Id, ClientName = match.Client.Name };
                    break;
                case MatchKind.Near:
                    var set = new ChoiceSet();
                    foreach (var c in match.Candidates)
                        set.Add(c.Name, "client", c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    set.Add(ctx.T($"Nouveau client « {p.ClientName} »", $"New client \"{p.ClientName}\""), "newclient");
                    return Outcome.Ask(
                        lead + ctx.T($"Vous avez déjà un client proche de « {Markup.Escape(p.ClientName)} ». Lequel est-ce ?", $"You already have a client close to \"{Markup.Escape(p.ClientName)}\". Which one is it?"),
                        State(p, Slot.Choice, set.ToList()));
                default:
                    p = p with { NewClientConfirmed = true };
                    break;
            }
        }

        if (p.AmountCents is null)
            return AskAmount(ctx, p, lead + ctx.T($"Quel est le montant de la facture pour {Markup.Bold(p.ClientName)} ? (ex. 1 200,50 €)", $"What is the amount of the invoice for {Markup.Bold(p.ClientName)}? (e.g. €1,200.50)"));

        if (p.DueDate is null)
        {
            var set = new ChoiceSet()
                .Add(ctx.T("À 30 jours", "Net 30"), "due", "30")
                .Add(ctx.T("À 45 jours", "Net 45"), "due", "45")
                .Add(ctx.T("À 60 jours", "Net 60"), "due", "60")
                .Add(ctx.T("Fin du mois", "End of month"), "due", "eom");
            return Outcome.Ask(lead + ctx.T("Quelle est l'échéance ? (ex. 15/12, à 30 jours, fin du mois)", "When is it due? (e.g. 15/12, net 30, end of month)"), State(p, Slot.DueDate, set.ToList()));
        }

        var currency = p.Currency ?? "EUR";
        // An amount far above the owner's usual is a typo more often than a windfall: confirmed before it is saved.
        if (!p.LargeConfirmed && p.AmountCents.Value > LargeFloorCents)
        {
            var largest = await ctx.Db.ReadAsync(s => s.Invoices.LargestAsync(ctx.Owner.Id), ctx.Ct).ConfigureAwait(false);
            if (p.AmountCents.Value > HardLargeCents || (largest > 0 && p.AmountCents.Value > largest * 10))
            {
                var set = new ChoiceSet().Add(ctx.T("Oui, c'est bien ce montant", "Yes, that amount"), "large_yes").Add(ctx.T("Non", "No"), "cancel");
                return Outcome.Ask(lead + ctx.T(
                    $"{Markup.Bold(ctx.Money(p.AmountCents.Value, currency))} pour {Markup.Bold(p.ClientName)}, c'est bien ce montant ? (bien au-dessus de vos factures habituelles)",
                    $"{Markup.Bold(ctx.Money(p.AmountCents.Value, currency))} for {Markup.Bold(p.ClientName)}: is that amount right? (far above your usual invoices)"),
                    State(p, Slot.Choice, set.ToList()));
            }
        }

        if (p.ClientId is { } clientId && !p.TwinConfirmed)
        {
            var twin = await ctx.Db.ReadAsync(s => s.Invoices.FindTwinAsync(ctx.Owner.Id, clientId, p.AmountCents.Value, currency, p.DueDate.Value), ctx.Ct).ConfigureAwait(false);
            if (twin is not null)
            {
                var set = new ChoiceSet().Add(ctx.T("Oui, enregistrer", "Yes, save it"), "twin_yes").Add(ctx.T("Non", "No"), "cancel");
                return Outcome.Ask(
                    lead + ctx.T(
                        $"Une facture identique existe déjà pour {Markup.Bold(p.ClientName)} ({ctx.Money(twin.AmountCents, twin.Currency)}, échéance {ctx.Date(twin.DueDate)}). L'enregistrer quand même ?",
                        $"An identical invoice already exists for {Markup.Bold(p.ClientName)} ({ctx.Money(twin.AmountCents, twin.Currency)}, due {ctx.Date(twin.DueDate)}). Save it anyway?"),
                    State(p, Slot.Choice, set.ToList()));
            }
        }

        return await SaveAsync(ctx, p with { Currency = currency }, lead).ConfigureAwait(false);
    }

    private static async Task<Outcome> SaveAsync(TurnContext ctx, PendingInvoice p, string lead)
    {
        var issue = p.IssueDate ?? ctx.Today;
        Invoice saved;
        bool created = false;
        try
        {
            saved = await ctx.Db.WriteAsync(async s =>
            {
                var clientId = p.ClientId;
                if (clientId is null)
                {
                    // Checked again inside the write lock: the same name typed twice in a row makes one client.
                    var key = TextKey.Key(p.ClientName!);
                    var existing = await s.Clients.FindByKeyAsync(ctx.Owner.Id, key).ConfigureAwait(false);
                    if (existing is null)
                    {
                        existing = await s.Clients.CreateAsync(new Client
                        {
                            OwnerId = ctx.Owner.Id,
                            Name = p.ClientName!.Trim(),
                            NameKey = key,
                            Kind = p.KindHint == ClientKinds.Individual ? ClientKinds.Individual : ClientKinds.Company,
                        }, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
                        created = true;
                    }

                    clientId = existing.Id;
                }

                return await s.Invoices.InsertAsync(new Invoice
                {
                    OwnerId = ctx.Owner.Id,
                    ClientId = clientId.Value,
                    Number = p.Number,
                    AmountCents = p.AmountCents!.Value,
                    Currency = p.Currency!,
                    IssueDate = issue,
                    DueDate = p.DueDate!.Value,
                }, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
            }, ctx.Ct).ConfigureAwait(false);
        }
        catch (DuplicateInvoiceNumberException) when (p.Number is not null)
        {
            // A constraint: the number was taken between the check and the write.
            return Outcome.Say(lead + ctx.T($"La facture n° {Markup.Bold(p.Number)} existe déjà : rien n'a été enregistré.", $"Invoice no. {Markup.Bold(p.Number)} already exists: nothing was saved."));
        }

        var due = p.DueDate!.Value;
        var text = lead + ctx.T(
            $"✅ Facture enregistrée : {Markup.Bold(p.ClientName)}, {Markup.Bold(ctx.Money(saved.AmountCents, saved.Currency))}{NumberPart(ctx, p.Number)}, échéance le {ctx.Date(due)} ({Format.Relative(due, ctx.Today, ctx.Lang)}).",
            $"✅ Invoice saved: {Markup.Bold(p.ClientName)}, {Markup.Bold(ctx.Money(saved.AmountCents, saved.Currency))}{NumberPart(ctx, p.Number)}, due {ctx.Date(due)} ({Format.Relative(due, ctx.Today, ctx.Lang)}).");
        if (created)
            text += ctx.T("\nNouveau client créé.", "\nNew client created.");
        if (due < issue)
            text += ctx.T($"\n⚠️ L'échéance est antérieure à la date de facture ({ctx.Date(issue)}) : vérifiez-la.", $"\n⚠️ The due date is before the invoice date ({ctx.Date(issue)}): please check it.");
        var undo = new ChoiceSet().Add(ctx.T("Annuler cette saisie", "Undo"), "undo_invoice", saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Outcome.Ask(text, DialogState.Buttons(undo.ToList()));
    }

    public static async Task<Outcome> UndoAsync(TurnContext ctx, long invoiceId)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var done = await ctx.Db.WriteAsync(s => s.Invoices.CancelAsync(ctx.Owner.Id, invoiceId, TurnContext.Actor, ctx.Now), ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(done
            ? ctx.T("↩️ Saisie annulée : la facture est retirée de vos encours.", "↩️ Undone: the invoice is no longer outstanding.")
            : ctx.T("Cette facture ne peut plus être annulée (un paiement a déjà été enregistré, ou elle l'est déjà).", "This invoice can no longer be undone (a payment was recorded, or it already was)."));
    }

    internal static Outcome AskAmount(TurnContext ctx, PendingInvoice p, string text) => Outcome.Ask(text, State(p, Slot.Amount, []));

    /// <summary>Above 100 000 (major units) an amount is always confirmed; above 1 000 it is when ten times the largest so far.</summary>
    private const long HardLargeCents = 100_000_00;
    private const long LargeFloorCents = 1_000_00;

    public static bool ValidAmount(long cents) => cents is > 0 and <= Amounts.MaxCents;

    public static string AmountProblem(TurnContext ctx, long cents)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return cents <= 0
            ? ctx.T("Le montant doit être supérieur à zéro.", "The amount must be more than zero.")
            : ctx.T("Ce montant dépasse 1 000 000 000 : vérifiez-le.", "That amount is over 1,000,000,000: please check it.");
    }

    public static bool ClientNameIsValid(string name) => TextKey.Key(name).Length is >= 1 and <= 120;

    public static string ClientNameProblem(TurnContext ctx) =>
        ctx.T("Ce nom de client n'est pas lisible (1 à 120 lettres ou chiffres). Pour quel client ?", "That client name cannot be read (1 to 120 letters or digits). Which client is it for?");

    private static string NumberPart(TurnContext ctx, string? number) =>
        number is null ? string.Empty : ctx.T($", n° {Markup.Escape(number)}", $", no. {Markup.Escape(number)}");

    private static DialogState State(PendingInvoice p, Slot awaiting, IReadOnlyList<Choice> choices) =>
        new() { Entry = p, Awaiting = awaiting, Choices = choices };
}
