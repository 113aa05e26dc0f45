using System.Globalization;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Import;

/// <summary>
/// A file sent in the chat: previewed, kept, and acted on only by the owner's button — « Enregistrer » for invoices;
/// for a statement, the certain matches at once and each likely one by its own button.
/// </summary>
public static class ImportChat
{
    public const string Save = "import_save";
    public const string Certain = "import_certain";
    public const string One = "import_match";
    public const string Drop = "import_drop";
    public const string UndoImport = "import_undo";

    /// <summary>Likely matches offered one by one; beyond, the next import offers the rest.</summary>
    private const int MaxLikelyButtons = 8;

    /// <summary>Above this many invoices the undo button is not offered (its list would not fit a button).</summary>
    private const int MaxUndoable = 500;

    public static async Task<Outcome> ReceiveAsync(TurnContext ctx, InboundFile file)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(file);
        var importer = new Importer(ctx.Db);
        var kind = ImportFiles.Detect(file.Content);
        if (ImportWording.IsStatement(kind))
        {
            var statement = BankFiles.Read(file.Content);
            if (statement.Problem is { } sp)
                return Outcome.Say(ImportWording.Problem(sp, ctx.Lang));
            var rec = await importer.ReconcileAsync(ctx.Owner.Id, statement, ctx.Ct).ConfigureAwait(false);
            var preview = Markup.Escape(ImportWording.StatementPreview(statement, rec, ctx.Lang));
            if (rec.Proposals.Count == 0)
                return Outcome.Say(preview + "\n" + ctx.T("Rien à enregistrer.", "Nothing to record."));
            var id = await ctx.Db.WriteAsync(s => s.Bank.KeepFileAsync(ctx.Owner.Id, file.Name, file.Content, ctx.Now), ctx.Ct).ConfigureAwait(false);
            var choices = new ChoiceSet();
            var certain = rec.Proposals.Count(p => p.Certainty == MatchCertainty.Certain);
            if (certain > 0)
                choices.Add(ctx.T($"✅ Enregistrer les {certain} sûres", $"✅ Record the {certain} certain"), Certain, Id(id));
            foreach (var p in rec.Proposals.Where(p => p.Certainty == MatchCertainty.Likely).Take(MaxLikelyButtons))
                choices.Add($"✅ {p.ClientName} {ctx.Money(p.Line.AmountCents, p.Line.Currency)}", One, Id(id) + "|" + p.Line.Key);
            choices.Add(ctx.T("✖️ Annuler", "✖️ Cancel"), Drop, Id(id));
            return Outcome.Ask(preview, DialogState.Buttons(choices.ToList()));
        }

        var read = InvoiceFiles.Read(file.Content, ctx.Today);
        if (read.Problem is { } problem)
            return Outcome.Say(ImportWording.Problem(problem, ctx.Lang));
        var plan = await importer.PlanInvoicesAsync(ctx.Owner.Id, read, ctx.Ct).ConfigureAwait(false);
        var text = Markup.Escape(ImportWording.InvoicePreview(plan, ctx.Lang));
        if (plan.ToSave.Count == 0)
            return Outcome.Say(text + "\n" + ctx.T("Rien à enregistrer.", "Nothing to save."));
        var kept = await ctx.Db.WriteAsync(s => s.Bank.KeepFileAsync(ctx.Owner.Id, file.Name, file.Content, ctx.Now), ctx.Ct).ConfigureAwait(false);
        var buttons = new ChoiceSet()
            .Add(ctx.T($"✅ Enregistrer {plan.ToSave.Count} facture(s)", $"✅ Save {plan.ToSave.Count} invoice(s)"), Save, Id(kept))
            .Add(ctx.T("✖️ Annuler", "✖️ Cancel"), Drop, Id(kept));
        return Outcome.Ask(text, DialogState.Buttons(buttons.ToList()));
    }

    /// <summary>« Enregistrer »: the file is read again (the book may have changed since the preview) and saved whole.</summary>
    public static async Task<Outcome> SaveAsync(TurnContext ctx, Choice choice)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (await FileOfAsync(ctx, choice) is not (var id, { } bytes))
            return Gone(ctx);
        var importer = new Importer(ctx.Db);
        var plan = await importer.PlanInvoicesAsync(ctx.Owner.Id, InvoiceFiles.Read(bytes, ctx.Today), ctx.Ct).ConfigureAwait(false);
        var saved = await importer.SaveInvoicesAsync(ctx.Owner.Id, plan, ctx.Now, null, ctx.Ct).ConfigureAwait(false);
        await ctx.Db.WriteAsync(s => s.Bank.DropFileAsync(ctx.Owner.Id, id), ctx.Ct).ConfigureAwait(false);
        var done = Markup.Escape(ImportWording.InvoicesSaved(saved, ctx.Lang));
        if (saved.Saved == 0 || saved.Saved > MaxUndoable)
            return Outcome.Say(done);
        var undo = new ChoiceSet().Add(ctx.T("Annuler cet import", "Undo this import"), UndoImport, string.Join(',', saved.InvoiceIds));
        return Outcome.Ask(done, DialogState.Buttons(undo.ToList()));
    }

    /// <summary>The certain matches, or one likely match the owner confirmed; the other buttons stay.</summary>
    public static async Task<Outcome> RecordAsync(TurnContext ctx, DialogState state, Choice choice, bool certainOnly)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(choice);
        if (await FileOfAsync(ctx, choice) is not (_, { } bytes))
            return Gone(ctx);
        var lineKey = choice.Value!.Contains('|', StringComparison.Ordinal) ? choice.Value[(choice.Value.IndexOf('|', StringComparison.Ordinal) + 1)..] : null;
        var importer = new Importer(ctx.Db);
        var statement = BankFiles.Read(bytes);
        var rec = await importer.ReconcileAsync(ctx.Owner.Id, statement, ctx.Ct).ConfigureAwait(false);
        var result = await importer.RecordAsync(ctx.Owner.Id, statement, rec,
            p => certainOnly ? p.Certainty == MatchCertainty.Certain : p.Line.Key == lineKey, ctx.Now, ctx.Ct).ConfigureAwait(false);
        var text = result.Recorded == 0
            ? ctx.T("Rien de nouveau : ce paiement est déjà enregistré ou la facture a changé.", "Nothing new: that payment is already recorded or the invoice changed.")
            : ctx.T($"✅ {result.Recorded} paiement(s) enregistré(s) ({ctx.Money(result.RecordedCents, statement.Lines[0].Currency)}).",
                $"✅ {result.Recorded} payment(s) recorded ({ctx.Money(result.RecordedCents, statement.Lines[0].Currency)}).");
        var left = state.Choices.Where(c => c.Payload != choice.Payload).ToList();
        return left.Any(c => c.Action != Drop) ? Outcome.Ask(text, DialogState.Buttons(left)) : Outcome.Say(text);
    }

    public static async Task<Outcome> DropAsync(TurnContext ctx, Choice choice)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (await FileOfAsync(ctx, choice) is (var id, not null))
            await ctx.Db.WriteAsync(s => s.Bank.DropFileAsync(ctx.Owner.Id, id), ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(ctx.T("D'accord : rien de plus n'a été enregistré.", "OK: nothing more was saved."));
    }

    /// <summary>Cancels the invoices an import created, as long as nothing was paid on them.</summary>
    public static async Task<Outcome> UndoAsync(TurnContext ctx, Choice choice)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(choice);
        var ids = (choice.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToList();
        var cancelled = await ctx.Db.WriteAsync(async s =>
        {
            var n = 0;
            foreach (var id in ids)
                n += await s.Invoices.CancelAsync(ctx.Owner.Id, id, TurnContext.Actor, ctx.Now).ConfigureAwait(false) ? 1 : 0;
            return n;
        }, ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(cancelled == ids.Count
            ? ctx.T($"↩️ Import annulé : {cancelled} facture(s) retirée(s).", $"↩️ Import undone: {cancelled} invoice(s) removed.")
            : ctx.T($"↩️ {cancelled} facture(s) retirée(s) ; {ids.Count - cancelled} gardée(s) car un paiement y est déjà enregistré.",
                $"↩️ {cancelled} invoice(s) removed; {ids.Count - cancelled} kept because a payment is already recorded on them."));
    }

    private static async Task<(long Id, byte[]? Bytes)> FileOfAsync(TurnContext ctx, Choice choice)
    {
        var raw = choice.Value ?? "";
        var bar = raw.IndexOf('|', StringComparison.Ordinal);
        if (!long.TryParse(bar >= 0 ? raw[..bar] : raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return (0, null);
        return (id, await ctx.Db.ReadAsync(s => s.Bank.FileAsync(ctx.Owner.Id, id), ctx.Ct).ConfigureAwait(false));
    }

    private static Outcome Gone(TurnContext ctx) =>
        Outcome.Say(ctx.T("Ce fichier n'est plus en attente (déjà enregistré ou annulé) : renvoyez-le si besoin.", "That file is no longer waiting (already saved or cancelled): send it again if needed."));

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The import's buttons.</summary>
public sealed class ImportSkill : ISkill
{
    public void Map(SkillMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Button(ImportChat.Save, (ctx, _, c) => ImportChat.SaveAsync(ctx, c))
            .Button(ImportChat.Certain, (ctx, state, c) => ImportChat.RecordAsync(ctx, state, c, certainOnly: true))
            .Button(ImportChat.One, (ctx, state, c) => ImportChat.RecordAsync(ctx, state, c, certainOnly: false))
            .Button(ImportChat.Drop, (ctx, _, c) => ImportChat.DropAsync(ctx, c))
            .Button(ImportChat.UndoImport, (ctx, _, c) => ImportChat.UndoAsync(ctx, c), survivesReads: true);
    }
}
