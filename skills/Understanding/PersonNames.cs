namespace Recouvrement.Skills.Understanding;

/// <summary>
/// Whether a name is a person's (never looked up in a register nor scored, CNIL): a civility (« Mme Durand », « M. »),
/// or a common first name followed by a surname with no legal form (« Julie Martin », « John Smith »).
/// </summary>
public static class PersonNames
{
    private static readonly HashSet<string> FirstNames = new(StringComparer.Ordinal)
    {
        "jean", "pierre", "marie", "julie", "sophie", "nicolas", "thomas", "camille", "lea", "emma", "lucas", "hugo", "louis", "chloe",
        "manon", "sarah", "laura", "anne", "isabelle", "nathalie", "sandrine", "christine", "catherine", "francoise", "martine", "sylvie",
        "philippe", "alain", "michel", "patrick", "eric", "olivier", "christophe", "laurent", "stephane", "david", "julien", "antoine",
        "alexandre", "maxime", "romain", "vincent", "sebastien", "francois", "jacques", "bernard", "daniel", "paul", "marc", "luc",
        "claire", "celine", "aurelie", "emilie", "caroline", "valerie", "helene", "pauline", "ines", "jade", "louise", "alice", "clara",
        "john", "james", "robert", "michael", "william", "richard", "joseph", "charles", "mary", "patricia", "jennifer", "linda",
        "elizabeth", "susan", "jessica", "karen", "emily", "olivia", "oliver", "george", "harry", "jack", "amelia", "sophia", "mia",
        "mohamed", "ahmed", "karim", "nadia", "fatima", "yasmine", "mehdi", "rachid", "samira", "ali", "omar", "leila",
    };

    public static bool LooksLikePerson(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return false;
        var words = new FoldedText(name).Folded.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Any(w => CompanyWords.LegalForms.Contains(w.TrimEnd('.'))))
            return false;
        if (CompanyWords.Civilities.Contains(words[0]) || CompanyWords.Civilities.Contains(words[0] + "."))
            return true;
        return words.Length is 2 or 3 && FirstNames.Contains(words[0]);
    }
}
