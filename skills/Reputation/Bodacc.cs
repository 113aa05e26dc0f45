using System.Globalization;
using System.Text.Json;
using Recouvrement.Data;

namespace Recouvrement.Skills.Reputation;

public enum ProceedingKind
{
    None,
    Safeguard,
    Receivership,
    Liquidation,
}

/// <summary>One BODACC notice, as much of it as the rules need.</summary>
public sealed record Notice(string Id, DateOnly Published, string Type, string Family, string? Court, string? JudgmentFamily, string? Nature, string? Complement, DateOnly? JudgmentDate);

/// <summary>What BODACC says of a company: the latest collective proceeding (open or closed) and any radiation.</summary>
public sealed record BodaccStatus(ProceedingKind Kind, bool Open, DateOnly? Date, string? Court, bool Radiated, DateOnly? RadiatedOn)
{
    public static readonly BodaccStatus Clean = new(ProceedingKind.None, false, null, null, false, null);
}

/// <summary>
/// The detection rules of reference B2 (search-infra rule.yml): exact match on the judgment's nature, annulled
/// notices dropped, a rectificatif replaces what it corrects, the latest judgment wins; "Avis de dépôt",
/// "Extrait de jugement" and "Loi de 1967" families are skipped.
/// </summary>
public static class BodaccRules
{
    private static readonly string[] SkippedFamilies = ["Avis de dépôt", "Extrait de jugement", "Loi de 1967"];

    public static BodaccStatus Evaluate(IEnumerable<Notice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var list = notices.Where(n => n.Type != "annulation").ToList();
        // A rectificatif replaces the notice it corrects: the same judgment (nature and date) keeps its latest publication.
        var judgments = list
            .Where(n => n.Family == "collective" && n.Nature is not null && !SkippedFamilies.Any(f => string.Equals(n.JudgmentFamily, f, StringComparison.OrdinalIgnoreCase)))
            .GroupBy(n => (n.Nature, n.JudgmentDate))
            .Select(g => g.OrderByDescending(n => n.Type == "rectificatif").ThenByDescending(n => n.Published).First())
            .Select(n => (Notice: n, Effect: Classify(n.Nature!, n.Complement)))
            .Where(x => x.Effect is not null)
            .OrderBy(x => x.Notice.JudgmentDate ?? x.Notice.Published)
            .ThenBy(x => x.Notice.Published)
            .ToList();
        var status = BodaccStatus.Clean;
        if (judgments.Count > 0)
        {
            var (latest, effect) = judgments[^1];
            var kind = effect!.Value.Kind;
            // A closing judgment closes the proceeding opened before it.
            if (effect.Value.Closing)
                kind = judgments.Take(judgments.Count - 1).Select(j => j.Effect!.Value.Kind).LastOrDefault(k => k != ProceedingKind.None, ProceedingKind.Liquidation);
            status = new BodaccStatus(kind, !effect.Value.Closing, latest.JudgmentDate ?? latest.Published, latest.Court, false, null);
        }

        var radiation = list.Where(n => n.Family == "radiation").OrderBy(n => n.Published).LastOrDefault();
        return radiation is null ? status : status with { Radiated = true, RadiatedOn = radiation.Published };
    }

    /// <summary>What a judgment does, from its exact nature (and its complement for "Autre jugement …").</summary>
    internal static (ProceedingKind Kind, bool Closing)? Classify(string nature, string? complement)
    {
        var n = nature.Trim();
        if (n.StartsWith("Jugement de clôture pour insuffisance d'actif", StringComparison.Ordinal) || n.StartsWith("Jugement de clôture pour extinction du passif", StringComparison.Ordinal))
            return (ProceedingKind.None, true);
        if (n == "Jugement d'ouverture de liquidation judiciaire" || n.StartsWith("Jugement de conversion en liquidation judiciaire", StringComparison.Ordinal))
            return (ProceedingKind.Liquidation, false);
        if (n == "Jugement d'ouverture d'une procédure de redressement judiciaire")
            return (ProceedingKind.Receivership, false);
        if (n.StartsWith("Jugement d'ouverture d'une procédure de sauvegarde", StringComparison.Ordinal))
            return (ProceedingKind.Safeguard, false);
        if (n.StartsWith("Autre jugement prononçant", StringComparison.Ordinal) || n.StartsWith("Autre jugement d'ouverture", StringComparison.Ordinal))
        {
            var c = TextKey.Fold(complement ?? string.Empty);
            if (c.Contains("cloture", StringComparison.Ordinal))
                return (ProceedingKind.None, true);
            if (c.Contains("liquidation", StringComparison.Ordinal))
                return (ProceedingKind.Liquidation, false);
            if (c.Contains("redressement", StringComparison.Ordinal))
                return (ProceedingKind.Receivership, false);
            if (c.Contains("sauvegarde", StringComparison.Ordinal))
                return (ProceedingKind.Safeguard, false);
        }

        return null;
    }

    private static readonly string[] FrenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    /// <summary>Judgment dates come as "2024-07-24", "27/11/2008" or "10 décembre 2009".</summary>
    public static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = text.Trim();
        foreach (var format in new[] { "yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy" })
        {
            if (DateOnly.TryParseExact(t, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return d;
        }

        var parts = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 3 && int.TryParse(parts[0].TrimEnd('e', 'r'), out var day) && int.TryParse(parts[2], out var year))
        {
            var month = Array.FindIndex(FrenchMonths, m => TextKey.Fold(m) == TextKey.Fold(parts[1])) + 1;
            if (month > 0 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
                return new DateOnly(year, month, day);
        }

        return null;
    }
}

/// <summary>BODACC open data (annonces-commerciales, Opendatasoft Explore v2.1), by SIREN.</summary>
public sealed class BodaccSearch(HttpClient http, Database db, RegistryOptions options, TimeProvider clock)
    : RegistryClient(http, db, options, clock, perSecond: 5)
{
    protected override string Source => "bodacc";

    public async Task<SourceResult<BodaccStatus>> StatusAsync(string siren, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(siren);
        var where = Uri.EscapeDataString($"registre like \"{siren}\"");
        var url = new Uri($"{Options.BodaccBaseUrl.TrimEnd('/')}/api/explore/v2.1/catalog/datasets/annonces-commerciales/records?where={where}&order_by={Uri.EscapeDataString("dateparution desc")}&limit=100");
        var (json, error) = await GetJsonAsync(url, siren, ct).ConfigureAwait(false);
        if (json is null)
            return new(null, error);
        using (json)
        {
            if (!json.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                return new(null, "malformed answer");
            var notices = new List<Notice>();
            foreach (var r in results.EnumerateArray())
            {
                var published = Date(r, "dateparution");
                if (Text(r, "id") is not { } id || published is null)
                    continue;
                string? family = null, nature = null, complement = null;
                DateOnly? judged = null;
                // "jugement" is a JSON document inside a string.
                if (Text(r, "jugement") is { } raw)
                {
                    try
                    {
                        using var j = JsonDocument.Parse(raw);
                        family = Text(j.RootElement, "famille");
                        nature = Text(j.RootElement, "nature");
                        complement = Text(j.RootElement, "complementJugement");
                        judged = BodaccRules.ParseDate(Text(j.RootElement, "date"));
                    }
                    catch (JsonException)
                    {
                        // A notice whose judgment cannot be read says nothing about a proceeding.
                    }
                }

                notices.Add(new Notice(id, published.Value, Text(r, "typeavis") ?? "annonce", Text(r, "familleavis") ?? string.Empty, Text(r, "tribunal"), family, nature, complement, judged));
            }

            return new(BodaccRules.Evaluate(notices), null);
        }
    }
}
