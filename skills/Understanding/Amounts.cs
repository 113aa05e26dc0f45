using System.Globalization;
using System.Text.RegularExpressions;

namespace Recouvrement.Skills.Understanding;

/// <summary>Money as owners type it: "1 200,50 €", "1.200,50", "1,200.50", "2k€", "$1,250.00", "499.99 euros".</summary>
public static partial class Amounts
{
    /// <summary>The largest amount accepted for one invoice or payment: 1 000 000 000 in major units.</summary>
    public const long MaxCents = 1_000_000_000_00;

    // A number: digit groups separated by space/dot/comma, optional decimals, optional "k"; currency either side.
    [GeneratedRegex(
        """
        (?<neg>-\s?|moins\s)?
        (?<pre>€|\$|£|¥|(?:eur|usd|gbp|chf|jpy|cad)(?:\b|(?=\d)))?\s?
        (?<num>\d{1,3}(?:[ .,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?|[.,]\d{1,2})(?!\d)(?![.,]\d)
        (?<k>\s?k(?![a-z]))?
        (?<scale>\s?(?:millions?|milliards?|billions?|bn\b|m(?=\s?(?:€|\$|£|eur|usd)))(?:\s+(?:de|d'|of))?)?
        (?:\s?(?<post>€|\$|£|¥|yens?\b|jpy\b|cad\b|(?:canadian\s+dollars?|dollars?\s+canadiens?)\b|centimes?\b|cents?\b|euros?\b|eur\b|e\b|usd\b|us\$|(?:us\s+|american\s+)?dollars?\b|gbp\b|livres?(?:\s+sterling)?\b|pounds?(?:\s+sterling)?\b|chf\b|(?:swiss\s+)?francs?(?:\s+suisses?)?\b))?
        (?:(?<=[a-z$€£])\s(?:(?:and|et)\s(?<cents>\d{1,2})\s?(?:cents?|centimes?)\b|(?<cents>\d{1,2})(?!\d|[.,]\d|/|:)(?!\s?(?:jours?|j\b|days?|mois|months?|semaines?|weeks?|ans?|years?|%|h\b|heures?|x\b|fois|factures?|invoices?))(?:\s?(?:cents?|centimes?)\b)?))?
        (?:\s?(?:ht|ttc|hors\s+taxes?|tva\s+comprise|excl\.?\s+vat|incl\.?\s+vat)\b)?
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex AmountRegex();

    // Digit groups of three after the first, one kind of group separator, then at most one decimal part.
    [GeneratedRegex(@"^(?:\d{1,3}(?<sep>[ \u00A0\u202F.,'])\d{3}(?:\k<sep>\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberShapeRegex();

    /// <param name="Gross">Written with « TTC » / « incl. VAT »: the amount owed when a net one stands beside it.</param>
    internal readonly record struct Match(int Index, int Length, decimal Value, string? Currency, bool Marked, bool Gross = false);

    /// <summary>Every amount-like number in folded text, with its currency when one is written next to it.</summary>
    internal static IEnumerable<Match> Find(string folded)
    {
        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(Gates.HasDigit(folded), AmountRegex(), folded))
        {
            var num = m.Groups["num"].Value;
            if (!TryParseNumber(num, out var value))
                continue;
            if (m.Groups["k"].Success)
                value *= 1000;
            if (m.Groups["scale"].Success)
                value *= ScaleOf(m.Groups["scale"].Value);
            // "15 euros 50", "17 USD 25", "3 dollars 50 cents": the cents written after the currency.
            if (m.Groups["cents"].Success && m.Groups["post"].Success && value == decimal.Truncate(value))
                value += int.Parse(m.Groups["cents"].Value, CultureInfo.InvariantCulture) / (m.Groups["cents"].Value.Length == 1 ? 10m : 100m);
            // « 99 centimes », « 50 cents » alone: hundredths of the unit (euro unless a currency says otherwise).
            var post = m.Groups["post"].Value;
            var subunit = post.StartsWith("cent", StringComparison.Ordinal);
            if (subunit)
                value /= 100;
            if (m.Groups["neg"].Success)
                value = -value;
            var currency = CurrencyOf(m.Groups["pre"].Value) ?? (subunit ? (post.StartsWith("centime", StringComparison.Ordinal) ? "EUR" : null) : CurrencyOf(post));
            var start = m.Index;
            // A dash glued to a word ("F-12") is part of that word, not a minus sign.
            if (m.Groups["neg"].Success && start > 0 && char.IsLetterOrDigit(folded[start - 1]))
            {
                value = -value;
                start = m.Groups["pre"].Success ? m.Groups["pre"].Index : m.Groups["num"].Index;
            }

            // Do not swallow a word's digits ("inv88", "x3").
            var numStart = m.Groups["num"].Index;
            if (numStart > 0 && char.IsLetter(folded[numStart - 1]) && !m.Groups["pre"].Success)
                continue;
            var gross = m.Value.EndsWith("ttc", StringComparison.Ordinal) || m.Value.Contains("comprise", StringComparison.Ordinal) || m.Value.Contains("incl", StringComparison.Ordinal);
            yield return new Match(start, m.Index + m.Length - start, value, currency, currency is not null || subunit || m.Groups["k"].Success || m.Groups["scale"].Success, gross);
        }
    }

    /// <summary>
    /// Reads an answer to "what is the amount?": a signed number with an optional currency ("-5", "1 200 €", "2k").
    /// A date is not an amount ("31/02" is refused, not read as 3 102).
    /// </summary>
    public static bool TryParseAnswer(string text, DateOnly today, out decimal value, out string? currency)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        currency = null;
        var t = new FoldedText(text.Trim());
        // Dates are masked first, so "31/02" is not read as 3 102.
        _ = Dates.Extract(t, today);
        foreach (var m in Find(t.Masked))
        {
            value = m.Value;
            currency = m.Currency;
            return true;
        }

        return false;
    }

    private static decimal ScaleOf(string scale)
    {
        var w = scale.Trim();
        return w.StartsWith("milliard", StringComparison.Ordinal) || w.StartsWith("billion", StringComparison.Ordinal) || w.StartsWith("bn", StringComparison.Ordinal)
            ? 1_000_000_000m
            : 1_000_000m;
    }

    internal static string? CurrencyOf(string token)
    {
        if (string.IsNullOrEmpty(token))
            return null;
        var t = token.Trim();
        if (t is "€" or "eur" or "euro" or "euros" or "e")
            return "EUR";
        if (t is "cad" || t.Contains("canad", StringComparison.Ordinal))
            return "CAD";
        if (t is "$" or "usd" or "us$" || t.EndsWith("dollar", StringComparison.Ordinal) || t.EndsWith("dollars", StringComparison.Ordinal))
            return "USD";
        if (t is "£" or "gbp" || t.StartsWith("livre", StringComparison.Ordinal) || t.StartsWith("pound", StringComparison.Ordinal))
            return "GBP";
        if (t is "chf" || t.StartsWith("franc", StringComparison.Ordinal) || t.StartsWith("swiss", StringComparison.Ordinal))
            return "CHF";
        if (t is "¥" or "jpy" || t.StartsWith("yen", StringComparison.Ordinal))
            return "JPY";
        return null;
    }

    /// <summary>Reads "1 200,50", "1.200,50", "1,200.50", "350,50", "1.200" (thousands), "499.99".</summary>
    public static bool TryParseNumber(string text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        if (!NumberShapeRegex().IsMatch(text.Trim()))
            return false;
        var s = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
            .Replace("\u202F", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        var lastDot = s.LastIndexOf('.');
        var lastComma = s.LastIndexOf(',');
        string normalized;
        if (lastDot >= 0 && lastComma >= 0)
        {
            // Both present: the last one is the decimal separator.
            var dec = Math.Max(lastDot, lastComma);
            normalized = s[..dec].Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal) + "." + s[(dec + 1)..];
        }
        else if (lastDot >= 0 || lastComma >= 0)
        {
            var sep = lastDot >= 0 ? '.' : ',';
            var count = s.Count(c => c == sep);
            var after = s.Length - s.LastIndexOf(sep) - 1;
            // One separator followed by exactly three digits is a thousands separator ("1.200", "1,200").
            normalized = count > 1 || (after == 3 && s.IndexOf(sep) > 0)
                ? s.Replace(sep.ToString(), "", StringComparison.Ordinal)
                : s.Replace(sep, '.');
        }
        else
        {
            normalized = s;
        }

        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Cents of an optional amount; an amount too large for a long becomes long.MaxValue so validation refuses it.</summary>
    public static long? CentsOf(decimal? amount) =>
        amount is { } a ? (TryToCents(a, out var cents) ? cents : long.MaxValue) : null;

    /// <summary>Major units to integer cents, rounding half away from zero; false when beyond what a long holds.</summary>
    public static bool TryToCents(decimal amount, out long cents)
    {
        cents = 0;
        if (Math.Abs(amount) > long.MaxValue / 100)
            return false;
        var scaled = Math.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);
        if (scaled > long.MaxValue || scaled < long.MinValue)
            return false;
        cents = (long)scaled;
        return true;
    }
}
