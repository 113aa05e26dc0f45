using Recouvrement.Data;

namespace Recouvrement.Skills.Fees;

/// <summary>
/// Rates by half-year. A date's rate is the one set for its half-year (1 January or 1 July); when that half-year
/// is missing, the last known rate is used and the lookup says so.
/// </summary>
public sealed class RateTable(IEnumerable<Rate> rates)
{
    private readonly Dictionary<string, List<Rate>> _byKind = rates
        .GroupBy(r => r.Kind)
        .ToDictionary(g => g.Key, g => g.OrderBy(r => r.ValidFrom).ToList(), StringComparer.Ordinal);

    public static DateOnly HalfYearStart(DateOnly d) => new(d.Year, d.Month <= 6 ? 1 : 7, 1);

    /// <returns>The rate in basis points, and the half-year it was set for (earlier than asked when it is a fallback); null when the kind has no rate at all.</returns>
    public (int RateBp, DateOnly From, bool Exact)? Lookup(string kind, DateOnly date)
    {
        if (!_byKind.TryGetValue(kind, out var list) || list.Count == 0)
            return null;
        var start = HalfYearStart(date);
        Rate? best = null;
        foreach (var r in list)
        {
            if (r.ValidFrom <= start)
                best = r;
        }

        // Before the first known half-year: the earliest rate, flagged.
        best ??= list[0];
        return (best.RateBp, best.ValidFrom, best.ValidFrom == start);
    }
}
