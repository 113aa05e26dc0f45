using System.Globalization;
using System.Text.RegularExpressions;
using Recouvrement.Data;
using Recouvrement.Skills.Clients;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Invoices;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Corrections;

/// <summary>
/// Undo, correct, delete and credit notes. Each is shown before and after and applied only on Confirmer; each is a new
/// event in the journal (nothing rewritten without a trace), and the drafts of the client concerned are withdrawn so
/// that the ladder re-drafts them from the corrected figures.
/// </summary>
public static partial class Corrections
{
    public static async Task<Outcome> UndoAsync(TurnContext ctx, Entities e)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Target == "payment" || e.Client is not null)
        {
            var payment = await FindPaymentAsync(ctx, e).ConfigureAwait(false);
            return payment is null
                ? Outcome.Say(ctx.T("Je ne trouve pas de paiement à annuler. Rien n'a été modifié.", "I can't find a payment to undo. Nothing was changed."))
                : Propose(ctx, ctx.T($"annuler le {PaymentText(ctx, payment)}", $"undo the {PaymentText(ctx, payment)}"), new Fix { Kind = FixKind.VoidPayment, PaymentId = payment.Id });
        }

        return await UndoLastAsync(ctx).ConfigureAwait(false);
    }

    /// <summary>« annule ça » with nothing in progress: the owner's latest write, proposed for undoing.</summary>
    public static async Task<Outcome> UndoLastAsync(TurnContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var last = await ctx.Db.ReadAsync(s => s.Events.LatestWriteAsync(ctx.Owner.Id), ctx.Ct).ConfigureAwait(false);
        if (last is { Kind: "invoice_logged" } inv)
        {
            var invoice = await ctx.Db.ReadAsync(s => s.Invoices.GetAsync(ctx.Owner.Id, inv.EntityId), ctx.Ct).ConfigureAwait(false);
            if (invoice is { Status: not InvoiceStatuses.Cancelled })
                return Propose(ctx, ctx.T($"supprimer la {InvoiceText(ctx, invoice)}", $"delete the {InvoiceText(ctx, invoice)}"), new Fix { Kind = FixKind.CancelInvoice, InvoiceId = invoice.Id });
        }
        else if (last is { Kind: "payment_recorded" or "credit_note" } pay && PaymentIdOf(pay.DataJson) is { } paymentId)
        {
            var payment = await ctx.Db.ReadAsync(s => s.Payments.GetAsync(ctx.Owner.Id, paymentId), ctx.Ct).ConfigureAwait(false);
            if (payment is { VoidedAt: null })
                return Propose(ctx, ctx.T($"annuler le {PaymentText(ctx, payment)}", $"undo the {PaymentText(ctx, payment)}"), new Fix { Kind = FixKind.VoidPayment, PaymentId = payment.Id });
        }

        return Outcome.Say(ctx.T("Il n'y a rien en cours ni de saisie récente à annuler.", "There is nothing in progress and no recent entry to undo."));
    }

    public static async Task<Outcome> DeleteInvoiceAsync(TurnContext ctx, Entities e)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        var invoice = await FindInvoiceAsync(ctx, e.InvoiceNumber, e.Client).ConfigureAwait(false);
        if (invoice is null)
            return NoInvoice(ctx, e.InvoiceNumber);
        if (invoice.Status == InvoiceStatuses.Cancelled)
            return Outcome.Say(ctx.T($"La {InvoiceText(ctx, invoice)} est déjà supprimée.", $"The {InvoiceText(ctx, invoice)} is already deleted."));
        if (invoice.PaidCents > 0)
        {
            return Outcome.Say(ctx.T(
                $"La {InvoiceText(ctx, invoice)} a déjà reçu {ctx.Money(invoice.PaidCents, invoice.Currency)} : annulez d'abord ce paiement (« annule le dernier paiement de {Markup.Escape(invoice.ClientName)} »), ou faites un avoir. Rien n'a été modifié.",
                $"The {InvoiceText(ctx, invoice)} has already received {ctx.Money(invoice.PaidCents, invoice.Currency)}: undo that payment first, or issue a credit note. Nothing was changed."));
        }

        return Propose(ctx, ctx.T($"supprimer la {InvoiceText(ctx, invoice)} (elle sort de vos encours, ses relances en attente sont retirées ; l'historique la garde)", $"delete the {InvoiceText(ctx, invoice)} (it leaves your totals, its waiting reminders are withdrawn; the history keeps it)"),
            new Fix { Kind = FixKind.CancelInvoice, InvoiceId = invoice.Id });
    }

    public static async Task<Outcome> CorrectAsync(TurnContext ctx, Entities e, string text)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        var folded = new FoldedText(text ?? string.Empty).Folded;
        var last = await ctx.Db.ReadAsync(s => s.Events.LatestWriteAsync(ctx.Owner.Id), ctx.Ct).ConfigureAwait(false);
        var newNumber = NewNumberRegex().IsMatch(folded) ? e.InvoiceNumber : null;
        var aboutPayment = PaidOnlyRegex().IsMatch(folded) || e.Target == "payment"
            || (e.InvoiceNumber is null && e.Client is null && last is { Kind: "payment_recorded" });

        if (aboutPayment && e.Amount is { } paidAmount && newNumber is null)
        {
            var payment = await FindPaymentAsync(ctx, e with { Amount = null }).ConfigureAwait(false);
            if (payment is null)
                return Outcome.Say(ctx.T("Je ne trouve pas de paiement à corriger. Rien n'a été modifié.", "I can't find a payment to correct. Nothing was changed."));
            var cents = Amounts.CentsOf(paidAmount)!.Value;
            if (!LogInvoice.ValidAmount(cents))
                return Outcome.Say(LogInvoice.AmountProblem(ctx, cents) + ctx.T(" Rien n'a été modifié.", " Nothing was changed."));
            return Propose(ctx, ctx.T(
                    $"corriger le {PaymentText(ctx, payment)} : {ctx.Money(payment.AmountCents, payment.Currency)} → {Markup.Bold(ctx.Money(cents, payment.Currency))}",
                    $"correct the {PaymentText(ctx, payment)}: {ctx.Money(payment.AmountCents, payment.Currency)} → {Markup.Bold(ctx.Money(cents, payment.Currency))}"),
                new Fix { Kind = FixKind.ReplacePayment, PaymentId = payment.Id, AmountCents = cents });
        }

        Invoice? invoice;
        if (newNumber is not null || e.InvoiceNumber is null)
        {
            invoice = last is { Kind: "invoice_logged" } l ? await ctx.Db.ReadAsync(s => s.Invoices.GetAsync(ctx.Owner.Id, l.EntityId), ctx.Ct).ConfigureAwait(false) : null;
            if (invoice is null && e.OtherClient is null && e.Client is not null)
                invoice = await FindInvoiceAsync(ctx, null, e.Client).ConfigureAwait(false);
        }
        else
        {
            invoice = await FindInvoiceAsync(ctx, e.InvoiceNumber, null).ConfigureAwait(false);
        }

        if (invoice is null || invoice.Status == InvoiceStatuses.Cancelled)
            return NoInvoice(ctx, newNumber is null ? e.InvoiceNumber : null);

        var changes = new List<string>();
        var fix = new Fix { Kind = FixKind.CorrectInvoice, InvoiceId = invoice.Id };
        if (e.Amount is { } amount && Amounts.CentsOf(amount) is { } cents2 && cents2 != invoice.AmountCents)
        {
            if (!LogInvoice.ValidAmount(cents2))
                return Outcome.Say(LogInvoice.AmountProblem(ctx, cents2) + ctx.T(" Rien n'a été modifié.", " Nothing was changed."));
            if (cents2 < invoice.PaidCents)
                return Outcome.Say(ctx.T($"{ctx.Money(invoice.PaidCents, invoice.Currency)} ont déjà été payés sur cette facture : le montant ne peut pas descendre en dessous. Rien n'a été modifié.", $"{ctx.Money(invoice.PaidCents, invoice.Currency)} has already been paid on this invoice: the amount cannot go below that. Nothing was changed."));
            fix = fix with { AmountCents = cents2 };
            changes.Add(ctx.T($"montant {ctx.Money(invoice.AmountCents, invoice.Currency)} → {Markup.Bold(ctx.Money(cents2, invoice.Currency))}", $"amount {ctx.Money(invoice.AmountCents, invoice.Currency)} → {Markup.Bold(ctx.Money(cents2, invoice.Currency))}"));
        }

        if ((e.DueDate ?? e.Date) is { } due && due != invoice.DueDate)
        {
            fix = fix with { DueDate = due };
            changes.Add(ctx.T($"échéance {ctx.Date(invoice.DueDate)} → {Markup.Bold(ctx.Date(due))}", $"due date {ctx.Date(invoice.DueDate)} → {Markup.Bold(ctx.Date(due))}"));
        }

        if (e.OtherClient is not null && e.Client is { } newClient && !string.Equals(TextKey.Key(newClient), TextKey.Key(invoice.ClientName ?? string.Empty), StringComparison.Ordinal))
        {
            var match = await ctx.Db.ReadAsync(s => ClientResolver.ResolveAsync(s, ctx.Owner.Id, newClient), ctx.Ct).ConfigureAwait(false);
            fix = fix with { ClientId = match.Kind == MatchKind.Exact ? match.Client!.Id : null, ClientName = match.Kind == MatchKind.Exact ? match.Client!.Name : newClient.Trim() };
            changes.Add(ctx.T($"client {Markup.Escape(invoice.ClientName)} → {Markup.Bold(fix.ClientName)}", $"client {Markup.Escape(invoice.ClientName)} → {Markup.Bold(fix.ClientName)}")
                + (match.Kind == MatchKind.Exact ? string.Empty : ctx.T(" (nouveau client)", " (new client)")));
        }

        if (newNumber is not null && !string.Equals(InvoiceRepository.NumberKey(newNumber), InvoiceRepository.NumberKey(invoice.Number), StringComparison.Ordinal))
        {
            var taken = await ctx.Db.ReadAsync(s => s.Invoices.FindByNumberAsync(ctx.Owner.Id, newNumber), ctx.Ct).ConfigureAwait(false);
            if (taken is not null)
                return Outcome.Say(ctx.T($"Le numéro {Markup.Bold(newNumber)} est déjà pris par une autre facture. Rien n'a été modifié.", $"Number {Markup.Bold(newNumber)} is already used by another invoice. Nothing was changed."));
            fix = fix with { Number = newNumber };
            changes.Add(ctx.T($"numéro {Markup.Escape(invoice.Number ?? "—")} → {Markup.Bold(newNumber)}", $"number {Markup.Escape(invoice.Number ?? "—")} → {Markup.Bold(newNumber)}"));
        }

        if (changes.Count == 0)
        {
            return Outcome.Say(ctx.T(
                $"Que faut-il corriger sur la {InvoiceText(ctx, invoice)} ? Exemples : « corrige la facture {Markup.Escape(invoice.Number ?? "F-1")} : 1 300 € », « change l'échéance au 15/01 », « la facture est pour Dupond, pas Dupont ».",
                $"What should change on the {InvoiceText(ctx, invoice)}? E.g. \"correct invoice {Markup.Escape(invoice.Number ?? "F-1")}: €1,300\", \"change the due date to 15/01\"."));
        }

        return Propose(ctx, ctx.T($"corriger la {InvoiceText(ctx, invoice)} : {string.Join(", ", changes)}", $"correct the {InvoiceText(ctx, invoice)}: {string.Join(", ", changes)}"), fix);
    }

    /// <summary>An avoir on an invoice: lowers what is owed at once, with an undo button.</summary>
    public static async Task<Outcome> CreditNoteAsync(TurnContext ctx, Entities e)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        Invoice? invoice = null;
        if (e.InvoiceNumber is not null)
        {
            invoice = await FindInvoiceAsync(ctx, e.InvoiceNumber, null).ConfigureAwait(false);
        }
        else if (e.Client is not null)
        {
            var match = await ctx.Db.ReadAsync(s => ClientResolver.ResolveAsync(s, ctx.Owner.Id, e.Client), ctx.Ct).ConfigureAwait(false);
            if (match.Kind != MatchKind.Exact)
                return Outcome.Say(ctx.T($"Je ne connais pas de client « {Markup.Escape(e.Client)} » (nom exact). Rien n'a été enregistré.", $"I don't know a client \"{Markup.Escape(e.Client)}\" (exact name). Nothing was saved."));
            var open = await ctx.Db.ReadAsync(s => s.Invoices.OpenForClientAsync(ctx.Owner.Id, match.Client!.Id), ctx.Ct).ConfigureAwait(false);
            if (open.Count > 1)
            {
                return Outcome.Say(ctx.T(
                    $"{Markup.Bold(match.Client!.Name)} a {open.Count} factures ouvertes : sur laquelle porte l'avoir ? Ex. « avoir de 100 € sur {Markup.Escape(open[0].Number ?? "F-1")} ». Rien n'a été enregistré.",
                    $"{Markup.Bold(match.Client!.Name)} has {open.Count} open invoices: which one is the credit note for? Nothing was saved."));
            }

            invoice = open.Count == 1 ? open[0] with { ClientName = match.Client!.Name } : null;
        }

        if (invoice is null || invoice.Status is not (InvoiceStatuses.Open or InvoiceStatuses.Disputed))
            return NoInvoice(ctx, e.InvoiceNumber);
        if (Amounts.CentsOf(e.Amount) is not { } cents)
            return Outcome.Say(ctx.T("De quel montant est l'avoir ? Ex. « avoir de 100 € sur F-12 ». Rien n'a été enregistré.", "What is the credit note's amount? E.g. \"credit note of €100 on F-12\". Nothing was saved."));
        if (!LogInvoice.ValidAmount(cents))
            return Outcome.Say(LogInvoice.AmountProblem(ctx, cents) + ctx.T(" Rien n'a été enregistré.", " Nothing was saved."));
        var balance = invoice.AmountCents - invoice.PaidCents;
        if (cents > balance)
            return Outcome.Say(ctx.T($"Cet avoir ({ctx.Money(cents, invoice.Currency)}) dépasse le reste dû de la facture ({ctx.Money(balance, invoice.Currency)}). Rien n'a été enregistré.", $"That credit note ({ctx.Money(cents, invoice.Currency)}) is more than the invoice's balance ({ctx.Money(balance, invoice.Currency)}). Nothing was saved."));

        var id = await ctx.Db.WriteAsync(async s =>
        {
            var pid = await s.Invoices.ApplyCreditAsync(invoice, cents, ctx.Today, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
            if (pid is not null)
                await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, invoice.ClientId, TurnContext.Actor, ctx.Now, "credit note").ConfigureAwait(false);
            return pid;
        }, ctx.Ct).ConfigureAwait(false);
        if (id is null)
            return Outcome.Say(ctx.T("La facture a changé entre-temps : rien n'a été enregistré. Réessayez.", "The invoice changed meanwhile: nothing was saved. Please try again."));
        var left = balance - cents;
        var undo = new ChoiceSet().Add(ctx.T("Annuler cet avoir", "Undo"), "undo_payment", id.Value.ToString(CultureInfo.InvariantCulture));
        return Outcome.Ask(ctx.T(
            $"✅ Avoir de {Markup.Bold(ctx.Money(cents, invoice.Currency))} enregistré sur la {InvoiceText(ctx, invoice)}. Reste dû sur cette facture : {Markup.Bold(ctx.Money(left, invoice.Currency))}.",
            $"✅ Credit note of {Markup.Bold(ctx.Money(cents, invoice.Currency))} recorded on the {InvoiceText(ctx, invoice)}. Left on this invoice: {Markup.Bold(ctx.Money(left, invoice.Currency))}."),
            DialogState.Buttons(undo.ToList()));
    }

    /// <summary>« Dupond SARL et Dupont SARL sont le même client »: which name to keep is the owner's choice, by button.</summary>
    public static async Task<Outcome> MergeAsync(TurnContext ctx, Entities e)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Client is null || e.OtherClient is null)
            return Outcome.Say(ctx.T("Quels clients fusionner ? Ex. « Dupond SARL et Dupont SARL sont le même client ». Rien n'a été modifié.", "Which clients should be merged? E.g. \"Dupond Ltd and Dupont Ltd are the same client\". Nothing was changed."));
        var a = await ctx.Db.ReadAsync(s => ClientResolver.ResolveAsync(s, ctx.Owner.Id, e.Client), ctx.Ct).ConfigureAwait(false);
        var b = await ctx.Db.ReadAsync(s => ClientResolver.ResolveAsync(s, ctx.Owner.Id, e.OtherClient), ctx.Ct).ConfigureAwait(false);
        if (a.Kind != MatchKind.Exact || b.Kind != MatchKind.Exact)
        {
            var missing = a.Kind != MatchKind.Exact ? e.Client : e.OtherClient;
            return Outcome.Say(ctx.T($"Je ne connais pas de client nommé exactement « {Markup.Escape(missing)} ». Rien n'a été modifié.", $"I don't know a client named exactly \"{Markup.Escape(missing)}\". Nothing was changed."));
        }

        var (x, y) = (a.Client!, b.Client!);
        if (x.Id == y.Id)
            return Outcome.Say(ctx.T("C'est déjà le même client. Rien n'a été modifié.", "That is already one client. Nothing was changed."));
        var set = new ChoiceSet()
            .Add(ctx.T($"Garder « {x.Name} »", $"Keep \"{x.Name}\""), Fix.Action, new Fix { Kind = FixKind.MergeClients, ClientId = x.Id, FromClientId = y.Id }.ToJson())
            .Add(ctx.T($"Garder « {y.Name} »", $"Keep \"{y.Name}\""), Fix.Action, new Fix { Kind = FixKind.MergeClients, ClientId = y.Id, FromClientId = x.Id }.ToJson())
            .Add(ctx.T("Annuler", "Cancel"), "cancel");
        return Outcome.Ask(ctx.T(
            $"Je propose de réunir {Markup.Bold(x.Name)} et {Markup.Bold(y.Name)} en un seul client : factures, relances et plans passent sous le nom gardé, l'historique garde la trace. Quel nom garder ?",
            $"I suggest merging {Markup.Bold(x.Name)} and {Markup.Bold(y.Name)} into one client: invoices, reminders and plans move to the name kept; the history keeps a trace. Which name should stay?"),
            DialogState.Buttons(set.ToList()));
    }

    /// <summary>Runs a confirmed correction, checking the rows against the owner once more.</summary>
    public static async Task<Outcome> ApplyAsync(TurnContext ctx, Fix fix)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(fix);
        switch (fix.Kind)
        {
            case FixKind.VoidPayment:
                {
                    var payment = await ctx.Db.ReadAsync(s => s.Payments.GetAsync(ctx.Owner.Id, fix.PaymentId ?? 0), ctx.Ct).ConfigureAwait(false);
                    if (payment is null)
                        return Stale(ctx);
                    var done = await ctx.Db.WriteAsync(async s =>
                    {
                        if (!await s.Payments.VoidAsync(ctx.Owner.Id, payment.Id, TurnContext.Actor, ctx.Now).ConfigureAwait(false))
                            return false;
                        await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, payment.ClientId, TurnContext.Actor, ctx.Now, "payment undone").ConfigureAwait(false);
                        return true;
                    }, ctx.Ct).ConfigureAwait(false);
                    if (!done)
                        return Outcome.Say(ctx.T("Ce paiement est déjà annulé.", "That payment is already undone."));
                    return Outcome.Say(ctx.T($"↩️ {Capital(PaymentText(ctx, payment))} annulé : la facture est de nouveau ouverte. ", $"↩️ {Capital(PaymentText(ctx, payment))} undone: the invoice is open again. ")
                        + await OwedTextAsync(ctx, payment.ClientId, payment.ClientName).ConfigureAwait(false));
                }

            case FixKind.ReplacePayment:
                {
                    var payment = await ctx.Db.ReadAsync(s => s.Payments.GetAsync(ctx.Owner.Id, fix.PaymentId ?? 0), ctx.Ct).ConfigureAwait(false);
                    if (payment is null || payment.VoidedAt is not null || fix.AmountCents is not { } cents)
                        return Stale(ctx);
                    var newId = await ctx.Db.WriteAsync(async s =>
                    {
                        if (!await s.Payments.VoidAsync(ctx.Owner.Id, payment.Id, TurnContext.Actor, ctx.Now).ConfigureAwait(false))
                            throw new ConcurrentChangeException();
                        var invoice = await s.Invoices.GetAsync(ctx.Owner.Id, payment.InvoiceId).ConfigureAwait(false) ?? throw new ConcurrentChangeException();
                        var id = await s.Invoices.RecordPaymentAsync(invoice, cents, payment.PaidOn, TurnContext.Actor, ctx.Now).ConfigureAwait(false)
                            ?? throw new ConcurrentChangeException("The corrected payment is more than the invoice's balance.");
                        await s.Plans.AllocateAsync(ctx.Owner.Id, payment.ClientId, cents, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
                        return id;
                    }, ctx.Ct).ConfigureAwait(false);
                    var undo = new ChoiceSet().Add(ctx.T("Annuler ce paiement", "Undo this payment"), "undo_payment", newId.ToString(CultureInfo.InvariantCulture));
                    return Outcome.Ask(ctx.T($"✅ Paiement corrigé : {Markup.Bold(ctx.Money(cents, payment.Currency))} de {Markup.Bold(payment.ClientName)} (au lieu de {ctx.Money(payment.AmountCents, payment.Currency)}). ", $"✅ Payment corrected: {Markup.Bold(ctx.Money(cents, payment.Currency))} from {Markup.Bold(payment.ClientName)} (instead of {ctx.Money(payment.AmountCents, payment.Currency)}). ")
                        + await OwedTextAsync(ctx, payment.ClientId, payment.ClientName).ConfigureAwait(false), DialogState.Buttons(undo.ToList()));
                }

            case FixKind.CancelInvoice:
                {
                    var invoice = await ctx.Db.ReadAsync(s => s.Invoices.GetAsync(ctx.Owner.Id, fix.InvoiceId ?? 0), ctx.Ct).ConfigureAwait(false);
                    if (invoice is null)
                        return Stale(ctx);
                    var done = await ctx.Db.WriteAsync(async s =>
                    {
                        if (!await s.Invoices.CancelAsync(ctx.Owner.Id, invoice.Id, TurnContext.Actor, ctx.Now).ConfigureAwait(false))
                            return false;
                        await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, invoice.ClientId, TurnContext.Actor, ctx.Now, "invoice deleted").ConfigureAwait(false);
                        return true;
                    }, ctx.Ct).ConfigureAwait(false);
                    return Outcome.Say(done
                        ? ctx.T($"🗑️ {Capital(InvoiceText(ctx, invoice))} supprimée : elle sort de vos encours (l'historique la garde). ", $"🗑️ {Capital(InvoiceText(ctx, invoice))} deleted: it leaves your totals (the history keeps it). ")
                          + await OwedTextAsync(ctx, invoice.ClientId, invoice.ClientName).ConfigureAwait(false)
                        : ctx.T("Cette facture ne peut plus être supprimée (un paiement a été enregistré, ou elle l'est déjà). Rien n'a été modifié.", "This invoice can no longer be deleted (a payment was recorded, or it already was). Nothing was changed."));
                }

            case FixKind.CorrectInvoice:
                {
                    var before = await ctx.Db.ReadAsync(s => s.Invoices.GetAsync(ctx.Owner.Id, fix.InvoiceId ?? 0), ctx.Ct).ConfigureAwait(false);
                    if (before is null || before.Status == InvoiceStatuses.Cancelled)
                        return Stale(ctx);
                    var after = await ctx.Db.WriteAsync(async s =>
                    {
                        var clientId = fix.ClientId ?? before.ClientId;
                        if (fix.ClientName is not null && fix.ClientId is null)
                        {
                            var key = TextKey.Key(fix.ClientName);
                            var client = await s.Clients.FindByKeyAsync(ctx.Owner.Id, key).ConfigureAwait(false)
                                ?? await s.Clients.CreateAsync(new Client { OwnerId = ctx.Owner.Id, Name = fix.ClientName, NameKey = key, Kind = ClientKinds.Company }, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
                            clientId = client.Id;
                        }

                        var changed = before with
                        {
                            AmountCents = fix.AmountCents ?? before.AmountCents,
                            DueDate = fix.DueDate ?? before.DueDate,
                            ClientId = clientId,
                            Number = fix.Number ?? before.Number,
                        };
                        if (!await s.Invoices.CorrectAsync(before, changed, TurnContext.Actor, ctx.Now).ConfigureAwait(false))
                            return null;
                        // Drafts, fees and plans that depend on the invoice are re-drafted from the corrected figures.
                        await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, before.ClientId, TurnContext.Actor, ctx.Now, "invoice corrected").ConfigureAwait(false);
                        if (clientId != before.ClientId)
                            await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, clientId, TurnContext.Actor, ctx.Now, "invoice corrected").ConfigureAwait(false);
                        return await s.Invoices.GetAsync(ctx.Owner.Id, before.Id).ConfigureAwait(false);
                    }, ctx.Ct).ConfigureAwait(false);
                    if (after is null)
                        return Outcome.Say(ctx.T("La facture a changé entre-temps : rien n'a été modifié. Réessayez.", "The invoice changed meanwhile: nothing was changed. Please try again."));
                    var back = new Fix { Kind = FixKind.CorrectInvoice, InvoiceId = before.Id, AmountCents = before.AmountCents, DueDate = before.DueDate, ClientId = before.ClientId, Number = before.Number };
                    var undo = new ChoiceSet().Add(ctx.T("Annuler cette correction", "Undo this correction"), Fix.Action, back.ToJson());
                    return Outcome.Ask(ctx.T($"✅ Facture corrigée : {InvoiceText(ctx, after)}, échéance le {ctx.Date(after.DueDate)}.", $"✅ Invoice corrected: {InvoiceText(ctx, after)}, due {ctx.Date(after.DueDate)}."),
                        DialogState.Buttons(undo.ToList()));
                }

            case FixKind.MergeClients:
                {
                    var into = fix.ClientId ?? 0;
                    var from = fix.FromClientId ?? 0;
                    var names = await ctx.Db.ReadAsync(async s => (await s.Clients.GetAsync(ctx.Owner.Id, into).ConfigureAwait(false), await s.Clients.GetAsync(ctx.Owner.Id, from).ConfigureAwait(false)), ctx.Ct).ConfigureAwait(false);
                    if (names.Item1 is null || names.Item2 is null)
                        return Stale(ctx);
                    var merged = await ctx.Db.WriteAsync(async s =>
                    {
                        if (!await s.Clients.MergeAsync(ctx.Owner.Id, from, into, TurnContext.Actor, ctx.Now).ConfigureAwait(false))
                            return false;
                        // Their drafts were written for two clients: the ladder re-drafts one for the merged book.
                        await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, into, TurnContext.Actor, ctx.Now, "clients merged").ConfigureAwait(false);
                        return true;
                    }, ctx.Ct).ConfigureAwait(false);
                    return merged
                        ? Outcome.Say(ctx.T($"✅ {Markup.Bold(names.Item2.Name)} est réuni à {Markup.Bold(names.Item1.Name)}. ", $"✅ {Markup.Bold(names.Item2.Name)} is merged into {Markup.Bold(names.Item1.Name)}. ")
                            + await OwedTextAsync(ctx, into, names.Item1.Name).ConfigureAwait(false))
                        : Stale(ctx);
                }

            default:
                return Stale(ctx);
        }
    }

    /// <summary>The undo button of a payment or credit note.</summary>
    public static Task<Outcome> UndoPaymentAsync(TurnContext ctx, long paymentId) => ApplyAsync(ctx, new Fix { Kind = FixKind.VoidPayment, PaymentId = paymentId });

    /// <summary>The undo button of a payment spread over several invoices: all its rows, in one transaction.</summary>
    public static async Task<Outcome> UndoPaymentsAsync(TurnContext ctx, IReadOnlyList<long> paymentIds)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(paymentIds);
        if (paymentIds.Count == 1)
            return await UndoPaymentAsync(ctx, paymentIds[0]).ConfigureAwait(false);
        var first = await ctx.Db.ReadAsync(s => s.Payments.GetAsync(ctx.Owner.Id, paymentIds.Count > 0 ? paymentIds[0] : 0), ctx.Ct).ConfigureAwait(false);
        if (first is null)
            return Stale(ctx);
        var undone = await ctx.Db.WriteAsync(async s =>
        {
            long total = 0;
            foreach (var id in paymentIds)
            {
                var p = await s.Payments.GetAsync(ctx.Owner.Id, id).ConfigureAwait(false);
                if (p is not null && await s.Payments.VoidAsync(ctx.Owner.Id, id, TurnContext.Actor, ctx.Now).ConfigureAwait(false))
                    total += p.AmountCents;
            }

            return total;
        }, ctx.Ct).ConfigureAwait(false);
        if (undone == 0)
            return Outcome.Say(ctx.T("Ce paiement est déjà annulé.", "That payment is already undone."));
        return Outcome.Say(ctx.T($"↩️ Paiement de {ctx.Money(undone, first.Currency)} de {Markup.Escape(first.ClientName)} annulé : les factures sont de nouveau ouvertes. ", $"↩️ Payment of {ctx.Money(undone, first.Currency)} from {Markup.Escape(first.ClientName)} undone: the invoices are open again. ")
            + await OwedTextAsync(ctx, first.ClientId, first.ClientName).ConfigureAwait(false));
    }

    private static Outcome Propose(TurnContext ctx, string what, Fix fix)
    {
        var set = new ChoiceSet().Add(ctx.T("Confirmer", "Confirm"), Fix.Action, fix.ToJson()).Add(ctx.T("Annuler", "Cancel"), "cancel");
        return Outcome.Ask(ctx.T($"Je propose de {what}. Je le fais ?", $"I suggest to {what}. Shall I?"), DialogState.Buttons(set.ToList()));
    }

    private static async Task<Payment?> FindPaymentAsync(TurnContext ctx, Entities e)
    {
        long? clientId = null;
        if (e.Client is not null)
        {
            var match = await ctx.Db.ReadAsync(s => ClientResolver.ResolveAsync(s, ctx.Owner.Id, e.Client), ctx.Ct).ConfigureAwait(false);
            clientId = match.Kind == MatchKind.Exact ? match.Client!.Id : match.Candidates.Count == 1 ? match.Candidates[0].Id : -1;
        }

        if (e.InvoiceNumber is not null && await FindInvoiceAsync(ctx, e.InvoiceNumber, null).ConfigureAwait(false) is { } invoice)
        {
            var ofInvoice = (await ctx.Db.ReadAsync(s => s.Payments.LatestAsync(ctx.Owner.Id, invoice.ClientId, 20), ctx.Ct).ConfigureAwait(false)).Where(p => p.InvoiceId == invoice.Id);
            return ofInvoice.FirstOrDefault(p => e.Amount is null || p.AmountCents == Amounts.CentsOf(e.Amount));
        }

        var latest = await ctx.Db.ReadAsync(s => s.Payments.LatestAsync(ctx.Owner.Id, clientId, 20), ctx.Ct).ConfigureAwait(false);
        return e.Amount is { } a ? latest.FirstOrDefault(p => p.AmountCents == Amounts.CentsOf(a)) : latest.FirstOrDefault();
    }

    private static async Task<Invoice?> FindInvoiceAsync(TurnContext ctx, string? number, string? client)
    {
        if (number is not null)
            return await ctx.Db.ReadAsync(s => s.Invoices.FindByNumberAsync(ctx.Owner.Id, number), ctx.Ct).ConfigureAwait(false);
        if (client is not null)
        {
            var match = await ctx.Db.ReadAsync(s => ClientResolver.ResolveAsync(s, ctx.Owner.Id, client), ctx.Ct).ConfigureAwait(false);
            if (match.Kind != MatchKind.Exact)
                return null;
            var open = await ctx.Db.ReadAsync(s => s.Invoices.ForClientAsync(ctx.Owner.Id, match.Client!.Id), ctx.Ct).ConfigureAwait(false);
            return open.Where(i => i.Status != InvoiceStatuses.Cancelled).OrderByDescending(i => i.Id).Select(i => i with { ClientName = match.Client!.Name }).FirstOrDefault();
        }

        var latest = await ctx.Db.ReadAsync(s => s.Invoices.LatestAsync(ctx.Owner.Id, 1), ctx.Ct).ConfigureAwait(false);
        return latest.FirstOrDefault();
    }

    private static async Task<string> OwedTextAsync(TurnContext ctx, long clientId, string? name)
    {
        var balances = await ctx.Db.ReadAsync(s => s.Invoices.BalancesAsync(ctx.Owner.Id, ctx.Today, clientId), ctx.Ct).ConfigureAwait(false);
        return balances.Count == 0
            ? ctx.T($"{Markup.Escape(name)} ne vous doit plus rien.", $"{Markup.Escape(name)} owes you nothing now.")
            : ctx.T($"Reste dû par {Markup.Escape(name)} : ", $"Still owed by {Markup.Escape(name)}: ") + string.Join(" + ", balances.Select(b => Markup.Bold(ctx.Money(b.BalanceCents, b.Currency))));
    }

    internal static string InvoiceText(TurnContext ctx, Invoice i) =>
        (i.Number is { } n ? ctx.T($"facture n° {Markup.Escape(n)}", $"invoice no. {Markup.Escape(n)}") : ctx.T($"facture du {ctx.Date(i.IssueDate)}", $"invoice of {ctx.Date(i.IssueDate)}"))
        + $" ({Markup.Escape(i.ClientName)}, {ctx.Money(i.AmountCents, i.Currency)})";

    private static string PaymentText(TurnContext ctx, Payment p) =>
        p.Kind == PaymentKind.Credit
            ? ctx.T($"avoir de {ctx.Money(p.AmountCents, p.Currency)} pour {Markup.Escape(p.ClientName)}", $"credit note of {ctx.Money(p.AmountCents, p.Currency)} for {Markup.Escape(p.ClientName)}")
            : ctx.T($"paiement de {ctx.Money(p.AmountCents, p.Currency)} de {Markup.Escape(p.ClientName)} (du {ctx.Date(p.PaidOn)}{(p.InvoiceNumber is { } n ? $", facture n° {Markup.Escape(n)}" : string.Empty)})",
                $"payment of {ctx.Money(p.AmountCents, p.Currency)} from {Markup.Escape(p.ClientName)} (on {ctx.Date(p.PaidOn)}{(p.InvoiceNumber is { } n2 ? $", invoice no. {Markup.Escape(n2)}" : string.Empty)})");

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static Outcome NoInvoice(TurnContext ctx, string? number) => Outcome.Say(number is null
        ? ctx.T("Je ne trouve pas la facture concernée : donnez son numéro (ex. « corrige la facture F-12 : 1 300 € »). Rien n'a été modifié.", "I can't tell which invoice: give its number (e.g. \"correct invoice F-12: €1,300\"). Nothing was changed.")
        : ctx.T($"Je ne trouve pas de facture n° {Markup.Bold(number)}. Rien n'a été modifié.", $"I can't find invoice no. {Markup.Bold(number)}. Nothing was changed."));

    private static Outcome Stale(TurnContext ctx) => Outcome.Say(ctx.T("Cette proposition n'est plus valable : rien n'a été modifié.", "That proposal is no longer valid: nothing was changed."));

    private static long? PaymentIdOf(string? json)
    {
        if (json is null)
            return null;
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("PaymentId", out var id) && id.TryGetInt64(out var v) ? v : null;
    }

    [GeneratedRegex(@"\b(?:le\s+(?:bon\s+)?numero\s+(?:c'est|est|etait)|the\s+(?:right\s+)?number\s+is|numero\s*:)", RegexOptions.CultureInvariant)]
    private static partial Regex NewNumberRegex();

    [GeneratedRegex(@"\b(?:n'a\s+(?:paye|regle|verse|vire)\s+que|only\s+paid|a\s+paye\s+seulement|paid\s+only)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PaidOnlyRegex();
}
