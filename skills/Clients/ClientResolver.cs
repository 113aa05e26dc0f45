using Recouvrement.Data;

namespace Recouvrement.Skills.Clients;

public enum MatchKind
{
    /// <summary>The same name, ignoring case, accents and punctuation.</summary>
    Exact,

    /// <summary>Names that share their main words ("Dupont" and "Dupont SARL"): the owner must say which.</summary>
    Near,

    None,
}

public sealed record ClientMatch(MatchKind Kind, Client? Client, IReadOnlyList<Client> Candidates);

/// <summary>Finds the client an owner means, without ever guessing between two.</summary>
public static class ClientResolver
{
    /// <summary>Words that do not identify a client: legal forms, civilities, articles.</summary>
    private static readonly HashSet<string> Noise = new(
        Understanding.CompanyWords.LegalForms.Concat(Understanding.CompanyWords.Civilities.Select(c => c.TrimEnd('.'))).Concat(
        [
            "the", "le", "la", "les", "l", "de", "du", "des", "d", "et", "and", "of", "&", "societe", "ste", "ets", "etablissements", "cabinet", "groupe",
        ]),
        StringComparer.Ordinal);

    /// <summary>The words of a name that identify it (legal forms, articles and civilities left out).</summary>
    public static IReadOnlyList<string> CoreWords(string nameKey)
    {
        ArgumentNullException.ThrowIfNull(nameKey);
        var words = nameKey.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Noise.Contains(w) && w.Length > 1).ToList();
        return words.Count > 0 ? words : nameKey.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task<ClientMatch> ResolveAsync(Session s, long ownerId, string name)
    {
        ArgumentNullException.ThrowIfNull(s);
        var key = TextKey.Key(name);
        if (key.Length == 0)
            return new ClientMatch(MatchKind.None, null, []);
        var exact = await s.Clients.FindByKeyAsync(ownerId, key).ConfigureAwait(false);
        if (exact is not null)
            return new ClientMatch(MatchKind.Exact, exact, []);
        var core = CoreWords(key);
        var candidates = await s.Clients.SearchAsync(ownerId, core, limit: 50).ConfigureAwait(false);
        // A typo ("Dupond" for "Dupont") shares no word with the right name: look for names one edit away.
        if (candidates.Count == 0)
            candidates = await s.Clients.SearchAsync(ownerId, [.. core.Where(w => w.Length >= 4).Select(w => w[..3])], limit: 200).ConfigureAwait(false);
        var coreSet = core.ToHashSet(StringComparer.Ordinal);
        var near = candidates
            .Where(c =>
            {
                var other = CoreWords(c.NameKey);
                // Near: one name's identifying words all appear in the other's ("Dupont" ⊂ "Dupont SARL"), or a typo away.
                return other.All(coreSet.Contains) || core.All(w => other.Contains(w)) || (other.Count == core.Count && other.Zip(core).All(p => p.First == p.Second || Typo(p.First, p.Second)));
            })
            .Take(5)
            .ToList();
        return near.Count > 0 ? new ClientMatch(MatchKind.Near, null, near) : new ClientMatch(MatchKind.None, null, []);
    }

    /// <summary>One edit apart (insert, delete, replace or swap), for words long enough that it means a typo.</summary>
    internal static bool Typo(string a, string b)
    {
        // Words with digits ("Client1", "Lot 12") differ on purpose, never by a typo.
        if (a.Length < 4 || b.Length < 4 || Math.Abs(a.Length - b.Length) > 1 || a.Any(char.IsDigit) || b.Any(char.IsDigit))
            return false;
        int i = 0, j = 0, edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                i++;
                j++;
                continue;
            }

            if (++edits > 1)
                return false;
            if (a.Length > b.Length)
                i++;
            else if (b.Length > a.Length)
                j++;
            else if (i + 1 < a.Length && a[i] == b[j + 1] && a[i + 1] == b[j])
            {
                i += 2;
                j += 2;
            }
            else
            {
                i++;
                j++;
            }
        }

        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }
}
