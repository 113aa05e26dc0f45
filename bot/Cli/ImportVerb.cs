using Microsoft.Extensions.DependencyInjection;
using Recouvrement.Bot.Hosting;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Import;

namespace Recouvrement.Bot.Cli;

/// <summary>
/// `import FILE [--yes] [--lang en]`: invoices (CSV, XLSX, Factur-X, UBL, CII) or a bank statement (CSV, OFX,
/// CFONB 120, camt.053), recognised by content, for the terminal's owner. Without --yes it only previews; with
/// --yes it saves the good invoice rows in one transaction, or records the certain bank matches only.
/// </summary>
internal static class ImportVerb
{
    public static async Task<int> RunAsync(CliArgs cli, TextWriter output, TextWriter progressOut, CancellationToken ct)
    {
        var lang = cli.Option("lang") == "en" ? "en" : "fr";
        if (cli.Positional.Count == 0)
            throw new FormatException(lang == "en" ? "import needs a file: import FILE [--yes]" : "import attend un fichier : import FICHIER [--yes]");
        var path = cli.Positional[0];
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException(lang == "en" ? $"No such file: {path}" : $"Fichier introuvable : {path}");
        if (info.Length > ImportFiles.MaxBytes)
        {
            await output.WriteLineAsync(ImportWording.Problem(FileProblem.TooLarge, lang)).ConfigureAwait(false);
            return 1;
        }

        var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        var confirm = cli.Option("yes") is not null;
        using var host = BotHost.CreateBuilder(cli).Build();
        var db = host.Services.GetRequiredService<Database>();
        var clock = host.Services.GetRequiredService<TimeProvider>();
        await db.MigrateAsync(ct).ConfigureAwait(false);
        var owner = await db.WriteAsync(s => s.Owners.GetOrCreateAsync(new Owner
        {
            Channel = "console",
            ExternalId = Environment.UserName is { Length: > 0 } user ? user : "local",
            Name = Environment.UserName,
        }, clock.GetUtcNow()), ct).ConfigureAwait(false);
        var today = TurnEngine.TodayFor(owner, clock.GetUtcNow());
        var importer = new Importer(db);

        var kind = ImportFiles.Detect(bytes);
        if (ImportWording.IsStatement(kind))
        {
            var statement = BankFiles.Read(bytes);
            if (statement.Problem is { } sp)
            {
                await output.WriteLineAsync(ImportWording.Problem(sp, lang)).ConfigureAwait(false);
                return 1;
            }

            var rec = await importer.ReconcileAsync(owner.Id, statement, ct).ConfigureAwait(false);
            await output.WriteLineAsync(ImportWording.StatementPreview(statement, rec, lang)).ConfigureAwait(false);
            if (!confirm)
            {
                await output.WriteLineAsync(lang == "en" ? "Nothing recorded: run again with --yes to record the certain matches." : "Rien n'est enregistré : relancez avec --yes pour enregistrer les correspondances sûres.").ConfigureAwait(false);
                return 0;
            }

            // In the terminal only certain matches are recorded; the others wait for a confirmation in the chat.
            var result = await importer.RecordAsync(owner.Id, statement, rec, p => p.Certainty == MatchCertainty.Certain, clock.GetUtcNow(), ct).ConfigureAwait(false);
            await output.WriteLineAsync(ImportWording.StatementRecorded(result, statement.Lines.FirstOrDefault()?.Currency ?? "EUR", lang)).ConfigureAwait(false);
            return 0;
        }

        var read = InvoiceFiles.Read(bytes, today);
        if (read.Problem is { } problem)
        {
            await output.WriteLineAsync(ImportWording.Problem(problem, lang)).ConfigureAwait(false);
            return 1;
        }

        var plan = await importer.PlanInvoicesAsync(owner.Id, read, ct).ConfigureAwait(false);
        await output.WriteLineAsync(ImportWording.InvoicePreview(plan, lang)).ConfigureAwait(false);
        if (plan.ToSave.Count == 0)
            return 1;
        if (!confirm)
        {
            await output.WriteLineAsync(lang == "en" ? "Nothing saved: run again with --yes to save these invoices." : "Rien n'est enregistré : relancez avec --yes pour enregistrer ces factures.").ConfigureAwait(false);
            return 0;
        }

        var total = plan.ToSave.Count;
        var bar = new Progress<int>(done => progressOut.Write($"\r[{new string('#', done * 20 / total)}{new string('-', 20 - (done * 20 / total))}] {done * 100 / total,3} %"));
        var saved = await importer.SaveInvoicesAsync(owner.Id, plan, clock.GetUtcNow(), total >= 1000 ? bar : null, ct).ConfigureAwait(false);
        if (total >= 1000)
            await progressOut.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(ImportWording.InvoicesSaved(saved, lang)).ConfigureAwait(false);
        return 0;
    }
}
