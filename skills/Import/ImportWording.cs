using System.Text;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Import;

/// <summary>What the owner reads about an import, in French or English.</summary>
public static class ImportWording
{
    public static string Problem(FileProblem problem, string lang) => (problem, lang == "en") switch
    {
        (FileProblem.Empty, false) => "Ce fichier est vide : rien n'a été importé.",
        (FileProblem.Empty, true) => "This file is empty: nothing was imported.",
        (FileProblem.TooLarge, false) => $"Ce fichier dépasse {ImportFiles.MaxBytes / 1024 / 1024} Mo : rien n'a été importé. Découpez-le en plusieurs fichiers.",
        (FileProblem.TooLarge, true) => $"This file is over {ImportFiles.MaxBytes / 1024 / 1024} MB: nothing was imported. Split it into several files.",
        (FileProblem.NoHeader, false) => "Je ne trouve pas la ligne d'en-tête (client, montant, date…) : rien n'a été importé.",
        (FileProblem.NoHeader, true) => "I cannot find the header line (client, amount, date…): nothing was imported.",
        (FileProblem.PdfWithoutXml, false) => "Ce PDF ne contient pas de facture Factur-X (pas de XML intégré) : rien n'a été importé. Envoyez le CSV ou le XML de la facture.",
        (FileProblem.PdfWithoutXml, true) => "This PDF holds no Factur-X invoice (no embedded XML): nothing was imported. Send the invoice's CSV or XML.",
        (FileProblem.ForbiddenXml, false) => "Ce XML déclare une DTD ou des entités externes, que je refuse par sécurité : rien n'a été importé.",
        (FileProblem.ForbiddenXml, true) => "This XML declares a DTD or external entities, which I refuse for safety: nothing was imported.",
        (FileProblem.Unreadable, false) => "Ce fichier est illisible ou tronqué : rien n'a été importé.",
        (FileProblem.Unreadable, true) => "This file is unreadable or truncated: nothing was imported.",
        (_, false) => "Je ne reconnais pas ce fichier. J'importe des factures (CSV, XLSX, Factur-X, UBL, CII) et des relevés bancaires (CSV, OFX, CFONB 120, camt.053). Rien n'a été importé.",
        (_, true) => "I do not recognise this file. I import invoices (CSV, XLSX, Factur-X, UBL, CII) and bank statements (CSV, OFX, CFONB 120, camt.053). Nothing was imported.",
    };

    private static string Reason(RowError e, string lang) => (e.Problem, lang == "en") switch
    {
        (RowProblem.NoClient, false) => "pas de client",
        (RowProblem.NoClient, true) => "no client",
        (RowProblem.NoAmount, false) => "pas de montant",
        (RowProblem.NoAmount, true) => "no amount",
        (RowProblem.BadAmount, false) => $"montant illisible (« {e.Value} »)",
        (RowProblem.BadAmount, true) => $"unreadable amount (\"{e.Value}\")",
        (RowProblem.NoDate, false) => "ni date ni échéance",
        (RowProblem.NoDate, true) => "neither date nor due date",
        (RowProblem.BadDate, false) => $"date illisible (« {e.Value} »)",
        (RowProblem.BadDate, true) => $"unreadable date (\"{e.Value}\")",
        (RowProblem.DuplicateInFile, false) => $"numéro {e.Value} déjà présent plus haut dans le fichier",
        (RowProblem.DuplicateInFile, true) => $"number {e.Value} already earlier in the file",
        (RowProblem.AlreadyKnown, false) => $"facture {e.Value} déjà enregistrée, ignorée",
        (RowProblem.AlreadyKnown, true) => $"invoice {e.Value} already recorded, skipped",
        (RowProblem.CreditNoteWithoutInvoice, false) => $"avoir {e.Value} : à imputer dans le chat (« avoir de … pour … »)",
        (RowProblem.CreditNoteWithoutInvoice, true) => $"credit note {e.Value}: apply it in the chat (\"credit note of … for …\")",
        (_, false) => "ligne non reconnue",
        (_, true) => "line not recognised",
    };

    public static string InvoicePreview(InvoicePlan plan, string lang, int maxErrors = 20)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var en = lang == "en";
        var sb = new StringBuilder();
        var totals = string.Join(" + ", plan.TotalsByCurrency.Select(t => Format.Money(t.Value, t.Key, lang)));
        var clients = plan.ToSave.Select(r => Data.TextKey.Key(r.Client)).Distinct().Count();
        sb.Append(en
            ? $"📄 {KindName(plan.Read.Kind, lang)}: {plan.ToSave.Count} invoice(s) to save for {clients} client(s) ({plan.NewClients} new)"
            : $"📄 {KindName(plan.Read.Kind, lang)} : {plan.ToSave.Count} facture(s) à enregistrer pour {clients} client(s) (dont {plan.NewClients} nouveau(x))");
        if (totals.Length > 0)
            sb.Append(en ? $", {totals} in all." : $", {totals} au total.");
        else
            sb.Append('.');
        var assumed = plan.ToSave.Count(r => r.DueAssumed);
        if (assumed > 0)
            sb.Append('\n').Append(en ? $"ℹ️ {assumed} without a due date: due 30 days after the invoice date (the legal default)." : $"ℹ️ {assumed} sans échéance : échéance à 30 jours de la date de facture (le délai légal par défaut).");
        foreach (var e in plan.Refused.Take(maxErrors))
            sb.Append('\n').Append(en ? $"⚠️ Line {e.Line}: {Reason(e, lang)}." : $"⚠️ Ligne {e.Line} : {Reason(e, lang)}.");
        if (plan.Refused.Count > maxErrors)
            sb.Append('\n').Append(en ? $"… and {plan.Refused.Count - maxErrors} more line(s) set aside." : $"… et {plan.Refused.Count - maxErrors} autre(s) ligne(s) écartée(s).");
        return sb.ToString();
    }

    public static string InvoicesSaved(InvoiceImportResult result, string lang) => lang == "en"
        ? $"✅ {result.Saved} invoice(s) saved, {result.ClientsCreated} client(s) created."
        : $"✅ {result.Saved} facture(s) enregistrée(s), {result.ClientsCreated} client(s) créé(s).";

    public static string ProposalLine(Proposal p, string lang)
    {
        ArgumentNullException.ThrowIfNull(p);
        var refs = string.Join(", ", p.Settles.Select(s => s.Invoice.Number ?? Format.Date(s.Invoice.DueDate, lang)));
        var why = (p.Reason, lang == "en") switch
        {
            (MatchReason.Reference, false) => "référence dans le libellé",
            (MatchReason.Reference, true) => "reference in the label",
            (MatchReason.KnownIban, false) => "compte payeur déjà confirmé",
            (MatchReason.KnownIban, true) => "payer account confirmed before",
            (MatchReason.AmountAndName, false) => "montant exact et nom proche",
            (MatchReason.AmountAndName, true) => "exact amount and a close name",
            (_, false) => "solde exact du client et nom proche",
            (_, true) => "the client's exact balance and a close name",
        };
        return $"{Format.Date(p.Line.Date, lang)} · {p.ClientName} {Format.Money(p.Line.AmountCents, p.Line.Currency, lang)} ({(lang == "en" ? "inv." : "réf.")} {refs}) — {why}";
    }

    public static string StatementPreview(StatementRead read, Reconciliation rec, string lang)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(rec);
        var en = lang == "en";
        var sb = new StringBuilder();
        var credits = read.Lines.Count(l => l.IsCredit);
        sb.Append(en
            ? $"🏦 {KindName(read.Kind, lang)}: {read.Lines.Count} line(s), {credits} credit(s), {rec.Debits} debit(s) ignored."
            : $"🏦 {KindName(read.Kind, lang)} : {read.Lines.Count} ligne(s), {credits} crédit(s), {rec.Debits} débit(s) ignoré(s).");
        if (rec.AlreadyImported > 0)
            sb.Append('\n').Append(en ? $"ℹ️ {rec.AlreadyImported} line(s) already imported: not taken again." : $"ℹ️ {rec.AlreadyImported} ligne(s) déjà importée(s) : pas reprise(s).");
        var certain = rec.Proposals.Where(p => p.Certainty == MatchCertainty.Certain).ToList();
        var likely = rec.Proposals.Where(p => p.Certainty == MatchCertainty.Likely).ToList();
        if (certain.Count > 0)
        {
            sb.Append('\n').Append(en ? "Certain matches:" : "Correspondances sûres :");
            foreach (var p in certain)
                sb.Append("\n• ").Append(ProposalLine(p, lang));
        }

        if (likely.Count > 0)
        {
            sb.Append('\n').Append(en ? "To confirm:" : "À confirmer :");
            foreach (var p in likely)
                sb.Append("\n• ").Append(ProposalLine(p, lang));
        }

        if (rec.Unmatched.Count > 0)
        {
            sb.Append('\n').Append(en ? "Credits matched to no invoice:" : "Crédits sans facture correspondante :");
            foreach (var l in rec.Unmatched.Take(20))
                sb.Append("\n• ").Append($"{Format.Date(l.Date, lang)} {Format.Money(l.AmountCents, l.Currency, lang)} « {l.Label} »");
        }

        return sb.ToString();
    }

    public static string StatementRecorded(StatementResult result, string currency, string lang) => lang == "en"
        ? $"✅ {result.Recorded} payment(s) recorded ({Format.Money(result.RecordedCents, currency, lang)})" + (result.Rejected > 0 ? $"; {result.Rejected} left to confirm." : ".")
        : $"✅ {result.Recorded} paiement(s) enregistré(s) ({Format.Money(result.RecordedCents, currency, lang)})" + (result.Rejected > 0 ? $" ; {result.Rejected} à confirmer." : ".");

    private static string KindName(FileKind kind, string lang) => (kind, lang == "en") switch
    {
        (FileKind.InvoiceCsv, false) => "Factures (CSV)",
        (FileKind.InvoiceCsv, true) => "Invoices (CSV)",
        (FileKind.InvoiceXlsx, false) => "Factures (Excel)",
        (FileKind.InvoiceXlsx, true) => "Invoices (Excel)",
        (FileKind.FacturXPdf, _) => "Factur-X",
        (FileKind.CiiXml, _) => "CII XML",
        (FileKind.UblXml, _) => "UBL XML",
        (FileKind.BankCsv, false) => "Relevé bancaire (CSV)",
        (FileKind.BankCsv, true) => "Bank statement (CSV)",
        (FileKind.Ofx, false) => "Relevé OFX",
        (FileKind.Ofx, true) => "OFX statement",
        (FileKind.Cfonb120, false) => "Relevé CFONB 120",
        (FileKind.Cfonb120, true) => "CFONB 120 statement",
        (FileKind.Camt053, false) => "Relevé camt.053",
        (FileKind.Camt053, true) => "camt.053 statement",
        _ => kind.ToString(),
    };

    public static bool IsStatement(FileKind kind) => kind is FileKind.BankCsv or FileKind.Ofx or FileKind.Cfonb120 or FileKind.Camt053;
}
