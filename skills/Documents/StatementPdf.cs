using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
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
        EmbeddedFonts.Install();
        string T(string fr, string en) => Say.Pick(lang, fr, en);
        string Money(long cents) => Format.Money(cents, currency, lang);

        using var document = new PdfDocument();
        document.Info.Title = T($"Relevé de compte — {client.Name}", $"Statement of account — {client.Name}");
        var regular = new XFont(EmbeddedFonts.Family, 9.5, XFontStyleEx.Regular);
        var bold = new XFont(EmbeddedFonts.Family, 9.5, XFontStyleEx.Bold);
        var title = new XFont(EmbeddedFonts.Family, 15, XFontStyleEx.Bold);
        PdfPage page = document.AddPage();
        var gfx = XGraphics.FromPdfPage(page);
        double y = 50;
        const double left = 50, right = 545;

        void NewPageIfNeeded()
        {
            if (y < 780)
                return;
            gfx.Dispose();
            page = document.AddPage();
            gfx = XGraphics.FromPdfPage(page);
            y = 50;
        }

        // Right-aligned text ends at x (a zero-width box); left-aligned text starts at x.
        void Text(string text, XFont font, double x, bool alignRight = false)
        {
            gfx.DrawString(text, font, XBrushes.Black, new XRect(x, y, alignRight ? 0 : right - x, 14), alignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);
        }

        try
        {
            var sender = Common.Parties.Sender(settings);
            for (var i = 0; i < sender.Count; i++)
            {
                Text(sender[i], i == 0 ? bold : regular, left);
                y += 13;
            }

            y = Math.Max(y, 50) + 10;
            var clientLines = Common.Parties.Debtor(client);
            foreach (var line in clientLines)
            {
                Text(line, line == client.Name ? bold : regular, 330);
                y += 13;
            }

            y += 20;
            Text(T("Relevé de compte", "Statement of account"), title, left);
            y += 24;
            Text(T($"Période du {Format.Date(from, lang)} au {Format.Date(today, lang)} — établi le {Format.Date(today, lang)}",
                $"Period {Format.Date(from, lang)} to {Format.Date(today, lang)} — issued {Format.Date(today, lang)}"), regular, left);
            y += 22;

            // Date, description, then right edges of debit, credit and balance.
            double[] columns = [left, 112, 385, 465, 545];
            Text(T("Date", "Date"), bold, columns[0]);
            Text(T("Libellé", "Description"), bold, columns[1]);
            Text(T("Débit", "Debit"), bold, columns[2], alignRight: true);
            Text(T("Crédit", "Credit"), bold, columns[3], alignRight: true);
            Text(T("Solde", "Balance"), bold, columns[4], alignRight: true);
            y += 16;
            gfx.DrawLine(XPens.Black, left, y - 3, right, y - 3);
            Text(T("Solde d'ouverture", "Opening balance"), regular, columns[1]);
            Text(Money(0), regular, columns[4], alignRight: true);
            y += 14;
            long balance = 0;
            foreach (var l in lines.OrderBy(l => l.Date))
            {
                NewPageIfNeeded();
                balance += l.DebitCents - l.CreditCents;
                Text(Format.Date(l.Date, lang), regular, columns[0]);
                Text(l.Label, regular, columns[1]);
                if (l.DebitCents != 0)
                    Text(Money(l.DebitCents), regular, columns[2], alignRight: true);
                if (l.CreditCents != 0)
                    Text(Money(l.CreditCents), regular, columns[3], alignRight: true);
                Text(Money(balance), regular, columns[4], alignRight: true);
                y += 14;
            }

            gfx.DrawLine(XPens.Black, left, y + 1, right, y + 1);
            y += 6;
            Text(T("Solde de clôture (reste dû)", "Closing balance (due)"), bold, columns[1]);
            Text(Money(balance), bold, columns[4], alignRight: true);
            y += 26;
            NewPageIfNeeded();
            Text(T("Ancienneté du solde", "Aging of the balance"), bold, left);
            y += 15;
            foreach (var (bucket, cents) in aging)
            {
                Text(bucket, regular, left + 10);
                Text(Money(cents), regular, 300, alignRight: true);
                y += 13;
            }

            y += 14;
            NewPageIfNeeded();
            var pay = new List<string>();
            if (settings.Iban is { Length: > 0 } iban)
                pay.Add(T($"Règlement par virement — IBAN : {iban}", $"Payment by bank transfer — IBAN: {iban}"));
            if (settings.PaymentLink is { Length: > 0 } link)
                pay.Add(T($"Paiement en ligne : {link}", $"Pay online: {link}"));
            if (pay.Count > 0)
            {
                Text(T("Comment régler", "How to pay"), bold, left);
                y += 15;
                foreach (var p in pay)
                {
                    Text(p, regular, left + 10);
                    y += 13;
                }
            }
        }
        finally
        {
            gfx.Dispose();
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }
}
