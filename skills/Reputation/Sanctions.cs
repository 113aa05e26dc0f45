using System.Globalization;
using System.Text.RegularExpressions;
using Recouvrement.Data;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Reputation;

/// <summary>
/// Reads the DGCCRF list of fines for payment delays (economie.gouv.fr/dgccrf/sanctions-delais-paiement), saved as
/// HTML or text: « JJ/MM/AAAA - Amende de X € prononcée à l'encontre de la société NOM (numéro de SIRET …) ».
/// </summary>
public static partial class SanctionList
{
    public static IReadOnlyList<Sanction> Parse(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = System.Net.WebUtility.HtmlDecode(TagRegex().Replace(document, " "));
        var list = new List<Sanction>();
        foreach (Match m in LineRegex().Matches(text))
        {
            var digits = new string([.. m.Groups["id"].Value.Where(char.IsAsciiDigit)]);
            if (digits.Length is not (9 or 14) || !DateOnly.TryParseExact(m.Groups["d"].Value, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                continue;
            long? cents = Amounts.TryParseNumber(m.Groups["amt"].Value.Trim(), out var euros) && Amounts.TryToCents(euros, out var c) ? c : null;
            var name = WhitespaceRegex().Replace(m.Groups["name"].Value, " ").Trim();
            var label = cents is { } v ? $"{date:dd/MM/yyyy}, amende de {v / 100:N0} €, {name}" : $"{date:dd/MM/yyyy}, {name}";
            list.Add(new Sanction(digits[..9], date, cents, label));
        }

        return list;
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex(@"(?<d>\d{2}/\d{2}/\d{4})\s*[-–—]\s*Amende\s+de\s+(?<amt>[\d\s\u00A0\u202F.,]+?)\s*(?:€|euros?)\s+prononc\w+\s+à\s+l['’]encontre\s+de\s+(?:la\s+soci[ée]t[ée]\s+|l['’]entreprise\s+)?(?<name>.+?)\s*\(\s*(?:num[ée]ro\s+de\s+|n°\s*)?SIRE[NT]\s*:?\s*(?<id>[\d\s\u00A0]{9,22})\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineRegex();
}
