using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Documents;

/// <summary>Lato, shipped in the assembly: PDFs render the same on a server without fonts.</summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "Lato";
    private static readonly Lock Gate = new();
    private static bool _installed;

    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
                return;
            GlobalFontSettings.FontResolver ??= new EmbeddedFonts();
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "Lato-Bold" : "Lato-Regular");

    public byte[]? GetFont(string faceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Fonts.{faceName}.ttf");
        if (stream is null)
            return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>One line of a statement of account: an invoice (debit) or money received / a credit note (credit).</summary>
public sealed record StatementLine(DateOnly Date, string Label, long DebitCents, long CreditCents);

/// <summary>
/// « relevé de compte » as a PDF: the parties, the period, the opening balance, every invoice, payment and credit note
/// in date order with a running balance, the closing balance, the aging of what is due, and how to pay.
/// </summary>
public static class StatementPdf
{
    public static byte[] Build(OwnerSettings settings, Client client, IReadOnlyList<StatementLine> lines, IReadOnlyList<(string Bucket, long Cents)> aging,
        string currency, DateOnly from, DateOnly today, string lang)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(aging);
        string T(string fr, string en) => Say.Pick(lang, fr, en);
        string Money(long cents) => Format.Money(cents, currency, lang);

        using var pdf = new PdfCanvas(T($"Relevé de compte — {client.Name}", $"Statement of account — {client.Name}"));
        PartyBlocks(pdf, settings, client);
        pdf.Y += 20;
        pdf.Line(T("Relevé de compte", "Statement of account"), pdf.Title, advance: 24);
        pdf.Line(T($"Période du {Format.Date(from, lang)} au {Format.Date(today, lang)} — établi le {Format.Date(today, lang)}",
            $"Period {Format.Date(from, lang)} to {Format.Date(today, lang)} — issued {Format.Date(today, lang)}"), pdf.Regular, advance: 22);

        // Date, description, then right edges of debit, credit and balance.
        double[] columns = [PdfCanvas.Left, 112, 385, 465, 545];
        pdf.Text(T("Date", "Date"), pdf.Bold, columns[0]);
        pdf.Text(T("Libellé", "Description"), pdf.Bold, columns[1]);
        pdf.Text(T("Débit", "Debit"), pdf.Bold, columns[2], alignRight: true);
        pdf.Text(T("Crédit", "Credit"), pdf.Bold, columns[3], alignRight: true);
        pdf.Text(T("Solde", "Balance"), pdf.Bold, columns[4], alignRight: true);
        pdf.Y += 16;
        pdf.Rule();
        pdf.Text(T("Solde d'ouverture", "Opening balance"), pdf.Regular, columns[1]);
        pdf.Text(Money(0), pdf.Regular, columns[4], alignRight: true);
        pdf.Y += 14;
        long balance = 0;
        foreach (var l in lines.OrderBy(l => l.Date))
        {
            pdf.EnsureRoom();
            balance += l.DebitCents - l.CreditCents;
            pdf.Text(Format.Date(l.Date, lang), pdf.Regular, columns[0]);
            pdf.Text(l.Label, pdf.Regular, columns[1]);
            if (l.DebitCents != 0)
                pdf.Text(Money(l.DebitCents), pdf.Regular, columns[2], alignRight: true);
            if (l.CreditCents != 0)
                pdf.Text(Money(l.CreditCents), pdf.Regular, columns[3], alignRight: true);
            pdf.Text(Money(balance), pdf.Regular, columns[4], alignRight: true);
            pdf.Y += 14;
        }

        pdf.Rule(1);
        pdf.Y += 6;
        pdf.Text(T("Solde de clôture (reste dû)", "Closing balance (due)"), pdf.Bold, columns[1]);
        pdf.Text(Money(balance), pdf.Bold, columns[4], alignRight: true);
        pdf.Y += 26;
        pdf.EnsureRoom(15 + 13 * aging.Count);
        pdf.Line(T("Ancienneté du solde", "Aging of the balance"), pdf.Bold, advance: 15);
        foreach (var (bucket, cents) in aging)
        {
            pdf.Text(bucket, pdf.Regular, PdfCanvas.Left + 10);
            pdf.Text(Money(cents), pdf.Regular, 300, alignRight: true);
            pdf.Y += 13;
        }

        pdf.Y += 14;
        var pay = HowToPay(settings, lang);
        if (pay.Count > 0)
        {
            pdf.EnsureRoom(15 + 13 * pay.Count);
            pdf.Line(T("Comment régler", "How to pay"), pdf.Bold, advance: 15);
            foreach (var p in pay)
                pdf.Line(p, pdf.Regular, PdfCanvas.Left + 10);
        }

        return pdf.Save();
    }

    /// <summary>The owner top left, the debtor on the right below it: the window of a windowed envelope.</summary>
    internal static void PartyBlocks(PdfCanvas pdf, OwnerSettings settings, Client client)
    {
        var sender = Common.Parties.Sender(settings);
        for (var i = 0; i < sender.Count; i++)
            pdf.Line(sender[i], i == 0 ? pdf.Bold : pdf.Regular);
        pdf.Y += 10;
        foreach (var line in Common.Parties.Debtor(client))
            pdf.Line(line, line == client.Name ? pdf.Bold : pdf.Regular, 330);
    }

    internal static List<string> HowToPay(OwnerSettings settings, string lang)
    {
        var pay = new List<string>();
        if (settings.Iban is { Length: > 0 } iban)
            pay.Add(Say.Pick(lang, $"Règlement par virement — IBAN : {iban}", $"Payment by bank transfer — IBAN: {iban}"));
        if (settings.PaymentLink is { Length: > 0 } link)
            pay.Add(Say.Pick(lang, $"Paiement en ligne : {link}", $"Pay online: {link}"));
        return pay;
    }
}
