using System.Text.RegularExpressions;
using Recouvrement.Data;
using Recouvrement.Skills.Common;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Documents;

/// <summary>
/// A letter the ladder composed (formal notice, plan agreement) laid out on paper: the debtor's block and the place
/// and date on the right, headings in bold, two-column lines (the signature lines) kept as columns, words wrapped.
/// The text is the one the email carries, so letter and email never differ.
/// </summary>
public static partial class LetterPdf
{
    private const double RightColumn = 330;

    /// <summary><paramref name="markup"/>: the composed letter; <paramref name="day"/>: the date it bears.</summary>
    public static byte[] Build(string title, string markup, OwnerSettings settings, Client client, DateOnly day, string lang)
    {
        ArgumentNullException.ThrowIfNull(markup);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(client);
        var debtor = Parties.Debtor(client);
        var sender = Parties.Sender(settings);
        using var pdf = new PdfCanvas(title);
        var placeDate = Markup.ToPlain(Reminders.DraftComposer.PlaceDate(settings.Address, day, lang));
        var paragraphs = Markup.ToPlain(markup).Replace("\r", string.Empty, StringComparison.Ordinal).Split("\n\n");
        foreach (var paragraph in paragraphs)
        {
            var lines = paragraph.Split('\n');
            var right = lines.SequenceEqual(debtor) || paragraph.Trim() == placeDate;
            var isSender = sender.Count > 0 && lines.SequenceEqual(sender);
            pdf.EnsureRoom(13 * Math.Min(lines.Length, 6));
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd();
                var font = (isSender || (right && line == client.Name)) && i == 0 || IsHeading(line) ? pdf.Bold : pdf.Regular;
                if (ColumnsRegex().Match(line) is { Success: true } columns)
                {
                    // « Pour le créancier :        Pour le débiteur : » — two signatures side by side.
                    pdf.EnsureRoom();
                    pdf.Text(columns.Groups["a"].Value, font, PdfCanvas.Left);
                    pdf.Text(columns.Groups["b"].Value, font, 300);
                    pdf.Y += 13;
                    continue;
                }

                pdf.Paragraph(line, font, right ? RightColumn : PdfCanvas.Left);
            }

            // Room below the signature lines for the signatures themselves.
            pdf.Y += lines.Any(l => ColumnsRegex().IsMatch(l)) ? 50 : 9;
        }

        return pdf.Save();
    }

    /// <summary>« LETTRE RECOMMANDÉE … », « Objet : … », « Subject: … ».</summary>
    private static bool IsHeading(string line) =>
        line.StartsWith("Objet", StringComparison.Ordinal) || line.StartsWith("Subject", StringComparison.Ordinal)
        || (line.Length > 8 && line.Count(char.IsLetter) > 5 && line.Where(char.IsLetter).All(char.IsUpper));

    [GeneratedRegex(@"^(?<a>\S.*?\S)\s{3,}(?<b>\S.*)$")]
    private static partial Regex ColumnsRegex();
}
