namespace Recouvrement.Skills.Understanding;

/// <summary>The one list of legal forms and civilities: names are read with them, and clients matched without them.</summary>
public static class CompanyWords
{
    public static readonly IReadOnlySet<string> LegalForms = new HashSet<string>(StringComparer.Ordinal)
    {
        "sarl", "sas", "sasu", "sa", "eurl", "sci", "snc", "scop", "scp", "selarl", "selas", "selasu", "ei", "eirl", "gie", "gaec",
        "earl", "gmbh", "ltd", "llc", "inc", "plc", "bv", "ag", "spa", "srl", "sl", "s.a.", "s.a.r.l.", "s.a.s.", "corp", "co", "cie",
        "associes", "fils", "freres", "sccv", "micro-entreprise",
    };

    public static readonly IReadOnlySet<string> Civilities = new HashSet<string>(StringComparer.Ordinal)
    {
        "m", "m.", "mr", "mr.", "mme", "mme.", "mlle", "madame", "monsieur", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "me", "maitre", "docteur", "mademoiselle",
    };
}
