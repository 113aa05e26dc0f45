using Recouvrement.Data;
using Recouvrement.Skills.Common;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Documents;
using Recouvrement.Skills.Fees;

namespace Recouvrement.Skills.Escalation;

/// <summary>
/// The escalation file, in French (the court's language): the parties, the route and why, the request's text ready to
/// copy onto the Cerfa or the online form, the décompte, the bordereau of pieces, and what is still missing.
/// </summary>
internal static class EscalationPdf
{
    private const string Lang = "fr";

    public static byte[] Build(EscalationCase c, OwnerSettings settings, Client client, IReadOnlyList<string> pieces, IReadOnlyList<string> missing, DateOnly today)
    {
        string Money(long cents) => Format.Money(cents, "EUR", Lang);
        using var pdf = new PdfCanvas($"Dossier de recouvrement — {client.Name}");
        pdf.Line($"Dossier de recouvrement judiciaire — {client.Name}", pdf.Title, advance: 22);
        pdf.Line($"Établi le {Format.Date(today, Lang)}. Montant réclamé : {Money(c.TotalCents)} (principal {Money(c.PrincipalCents)}).", pdf.Regular, advance: 20);

        Heading(pdf, "Parties");
        pdf.Line("Créancier :", pdf.Bold);
        foreach (var line in Parties.Sender(settings).DefaultIfEmpty("(nom de votre entreprise à compléter)"))
            pdf.Paragraph(line, pdf.Regular, PdfCanvas.Left + 15);
        pdf.Y += 4;
        pdf.Line("Débiteur :", pdf.Bold);
        foreach (var line in Parties.Debtor(client))
            pdf.Paragraph(line, pdf.Regular, PdfCanvas.Left + 15);

        Heading(pdf, "Voie conseillée");
        foreach (var paragraph in EscalationWording.RouteParagraphs(c, client))
        {
            pdf.Paragraph(paragraph, pdf.Regular);
            pdf.Y += 4;
        }

        Heading(pdf, $"Requête en injonction de payer — texte à reporter ({EscalationWording.Form(c.CourtOrder)})");
        foreach (var paragraph in EscalationWording.Request(c, settings, client, today))
        {
            pdf.Paragraph(paragraph, pdf.Regular);
            pdf.Y += 4;
        }

        Heading(pdf, $"Décompte des sommes dues au {Format.Date(today, Lang)}");
        double[] columns = [PdfCanvas.Left, 150, 290, 335, 430, 545];
        pdf.EnsureRoom(30);
        pdf.Text("Facture", pdf.Bold, columns[0]);
        pdf.Text("Échéance", pdf.Bold, columns[1]);
        pdf.Text("Principal", pdf.Bold, columns[2], alignRight: true);
        pdf.Text("Jours", pdf.Bold, columns[3], alignRight: true);
        pdf.Text("Intérêts", pdf.Bold, columns[4], alignRight: true);
        pdf.Text("Indemnité", pdf.Bold, columns[5], alignRight: true);
        pdf.Y += 16;
        pdf.Rule();
        var fees = c.Fees.Lines.ToDictionary(l => l.Invoice.Id);
        foreach (var invoice in c.Claimed)
        {
            pdf.EnsureRoom();
            fees.TryGetValue(invoice.Id, out var fee);
            pdf.Text(invoice.Number is { } n ? $"n° {n} du {Format.Date(invoice.IssueDate, Lang)}" : $"du {Format.Date(invoice.IssueDate, Lang)}", pdf.Regular, columns[0]);
            pdf.Text(Format.Date(invoice.DueDate, Lang), pdf.Regular, columns[1]);
            pdf.Text(Money(invoice.BalanceCents), pdf.Regular, columns[2], alignRight: true);
            pdf.Text((fee?.DaysLate ?? 0).ToString(Format.Culture(Lang)), pdf.Regular, columns[3], alignRight: true);
            pdf.Text(Money(fee?.InterestCents ?? 0), pdf.Regular, columns[4], alignRight: true);
            pdf.Text(Money(fee?.IndemnityCents ?? 0), pdf.Regular, columns[5], alignRight: true);
            pdf.Y += 14;
        }

        pdf.Rule(1);
        pdf.Y += 6;
        pdf.Text("Totaux", pdf.Bold, columns[0]);
        pdf.Text(Money(c.PrincipalCents), pdf.Bold, columns[2], alignRight: true);
        pdf.Text(Money(c.Fees.InterestCents), pdf.Bold, columns[4], alignRight: true);
        pdf.Text(Money(c.Fees.IndemnityCents), pdf.Bold, columns[5], alignRight: true);
        pdf.Y += 16;
        pdf.Line($"Total réclamé : {Money(c.TotalCents)}", pdf.Bold, advance: 15);
        pdf.Paragraph(EscalationWording.FeeBasis(c.Fees), pdf.Regular);
        if (c.LeftOut > 0)
            pdf.Paragraph($"{c.LeftOut} autre(s) facture(s) non échue(s), contestée(s) ou en devise étrangère ne sont pas réclamées ici.", pdf.Regular);

        Heading(pdf, "Bordereau des pièces communiquées");
        foreach (var line in EscalationWording.Bordereau(pieces))
            pdf.Paragraph(line, pdf.Regular);

        if (missing.Count > 0)
        {
            Heading(pdf, "Avant de déposer");
            foreach (var m in missing)
                pdf.Paragraph("• " + m, pdf.Regular);
        }

        return pdf.Save();
    }

    private static void Heading(PdfCanvas pdf, string text)
    {
        pdf.Y += 10;
        pdf.EnsureRoom(40);
        pdf.Line(text, pdf.Bold, advance: 15);
    }
}
