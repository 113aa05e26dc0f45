using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Recouvrement.Data;
using Recouvrement.Skills.Clients;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Documents;
using Recouvrement.Skills.Fees;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Escalation;

/// <summary>« prépare le dossier d'injonction de payer pour X », « que faire maintenant pour X ? »: route, file and pieces.</summary>
public sealed class EscalationSkill : ISkill
{
    public void Map(SkillMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Intent(Intents.Escalate, (ctx, r, _) => EscalationFile.PrepareAsync(ctx, r.Entities.Client), readOnly: true);
    }
}

public static class EscalationFile
{
    public static async Task<Outcome> PrepareAsync(TurnContext ctx, string? clientName)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var (client, problem) = await ClientLookup.FindAsync(ctx, clientName, "Pour quel client ? Ex. « prépare le dossier d'injonction de payer pour Dupont SARL ».", "For which client? E.g. \"prepare the court file for Acme Ltd\".").ConfigureAwait(false);
        if (client is null)
            return problem!;
        return await ctx.Db.ReadAsync(s => PrepareAsync(s, ctx, client), ctx.Ct).ConfigureAwait(false);
    }

    private static async Task<Outcome> PrepareAsync(Session s, TurnContext ctx, Client client)
    {
        var owner = ctx.Owner.Id;
        var settings = await s.Settings.GetAsync(owner).ConfigureAwait(false);
        var invoices = await s.Invoices.ForClientAsync(owner, client.Id).ConfigureAwait(false);
        var payments = await s.Payments.ForClientAsync(owner, client.Id).ConfigureAwait(false);
        var rates = new RateTable(await s.Rates.AllAsync().ConfigureAwait(false));
        var plan = await s.Plans.LatestForClientAsync(owner, client.Id).ConfigureAwait(false);
        var sent = await SentAsync(s, ctx, client).ConfigureAwait(false);
        var reminders = sent.Select(x => new SentReminder(x.Draft.Step, x.On)).ToList();
        var (c, blocker) = EscalationCase.Decide(client, invoices,
            claimed => LateFees.Compute(claimed, payments, ctx.Today, rates, client.Kind, settings.ContractRateBp, client.FormalNoticeOn),
            plan, reminders, ctx.Today, ctx.Reminders.Options.NoticeDeadline);
        if (c is null)
        {
            var nextDue = invoices.Where(i => i.Status == InvoiceStatuses.Open && i.BalanceCents > 0).Select(i => (DateOnly?)i.DueDate).Min();
            return Outcome.Say(EscalationWording.Blocked(ctx, blocker!.Value, client, nextDue));
        }

        // The pieces, in the order the bordereau numbers them; the files that can be made are zipped with the file.
        var slug = Statements.Slug(client.Name);
        var pieces = c.Claimed.Select(i => $"Facture {(i.Number is { } n ? $"n° {n} " : string.Empty)}du {Format.Date(i.IssueDate, "fr")}, échue le {Format.Date(i.DueDate, "fr")}, {Format.Money(i.AmountCents, i.Currency, "fr")}").ToList();
        var files = new List<(string Name, byte[] Content)>();
        var n = 0;
        foreach (var (draft, on) in sent.Where(x => x.Draft.Step != ReminderOptions.FormalNotice))
        {
            pieces.Add($"{Drafting.StepLabel(draft.Step, "fr")} envoyée le {Format.Date(on, "fr")}");
            files.Add(($"relance-{++n:00}-{on:yyyy-MM-dd}.txt", Encoding.UTF8.GetBytes($"{Markup.ToPlain(draft.Subject)}\n\n{Markup.ToPlain(draft.Body)}\n")));
        }

        var notice = sent.LastOrDefault(x => x.Draft.Step == ReminderOptions.FormalNotice);
        if (client.FormalNoticeOn is { } noticeOn)
        {
            pieces.Add($"Mise en demeure du {Format.Date(noticeOn, "fr")}, par lettre recommandée avec accusé de réception");
            if (notice.Draft is { } nd)
            {
                var noticeInvoices = await s.Invoices.ByIdsAsync(owner, JsonSerializer.Deserialize<long[]>(nd.InvoiceIds) ?? []).ConfigureAwait(false);
                var letter = await ctx.Reminders.Composer.LetterAsync(s, ctx.Owner, client, noticeInvoices, nd.Language, noticeOn, ctx.Ct).ConfigureAwait(false);
                files.Add(($"mise-en-demeure-{noticeOn:yyyy-MM-dd}.pdf", LetterPdf.Build($"Mise en demeure — {client.Name}", letter, settings, client, noticeOn, nd.Language)));
            }
        }

        if (Statements.Build(settings, client, invoices, payments, ctx.Today) is { } statement)
        {
            pieces.Add($"Relevé de compte au {Format.Date(ctx.Today, "fr")}");
            files.Add(($"releve-de-compte-{ctx.Today:yyyy-MM-dd}.pdf", statement.Pdf));
        }

        var missing = EscalationWording.Missing(c, settings, client);
        var pdf = EscalationPdf.Build(c, settings, client, pieces, missing, ctx.Today);
        var pdfName = $"dossier-recouvrement-{slug}-{ctx.Today:yyyy-MM-dd}.pdf";
        var readMe = new StringBuilder("Bordereau des pièces communiquées\n\n");
        foreach (var line in EscalationWording.Bordereau(pieces))
            readMe.Append(line).Append('\n');
        readMe.Append("\nÀ joindre par vous : une copie de chaque facture (je n'en garde que les montants et les dates).\n");
        var zip = Zip([("LISEZ-MOI.txt", Encoding.UTF8.GetBytes(readMe.ToString())), (pdfName, pdf), .. files]);
        return new Outcome(
        [
            new Reply(EscalationWording.Summary(ctx, c, client), [], new ReplyAttachment(pdfName, "application/pdf", pdf)),
            new Reply(ctx.T($"🗂️ Les pièces du dossier ({files.Count + 2} fichiers).", $"🗂️ The pieces of the file ({files.Count + 2} files)."), [],
                new ReplyAttachment($"pieces-{slug}-{ctx.Today:yyyy-MM-dd}.zip", "application/zip", zip)),
        ], null);
    }

    /// <summary>Reminders that reached the client, with the day they left (in the owner's time zone), oldest first.</summary>
    private static async Task<List<(Draft Draft, DateOnly On)>> SentAsync(Session s, TurnContext ctx, Client client)
    {
        var drafts = (await s.Drafts.ForClientAsync(ctx.Owner.Id, client.Id, 500).ConfigureAwait(false)).Where(d => d.Status == DraftStatuses.Sent).ToDictionary(d => d.Id);
        var events = await s.Events.ForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false);
        var on = events.Where(e => e.Kind == "draft_sent" && e.EntityId is { } id && drafts.ContainsKey(id))
            .GroupBy(e => e.EntityId!.Value).ToDictionary(g => g.Key, g => BusinessClock.Today(ctx.Owner, g.Max(e => e.At)));
        return [.. drafts.Values.Select(d => (d, on.TryGetValue(d.Id, out var day) ? day : BusinessClock.Today(ctx.Owner, d.DecidedAt ?? d.CreatedAt))).OrderBy(x => x.Item2).ThenBy(x => x.d.Id)];
    }

    private static byte[] Zip(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
