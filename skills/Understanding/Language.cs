namespace Recouvrement.Skills.Understanding;

/// <summary>French or English, from telltale words; null when the text does not say (a name, a number).</summary>
public static class Language
{
    public const string French = "fr";
    public const string English = "en";

    private static readonly HashSet<string> FrenchWords = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "de", "du", "des", "un", "une", "et", "est", "pour", "qui", "que", "quoi", "je", "j", "tu", "il", "elle",
        "nous", "vous", "mon", "ma", "mes", "ton", "sur", "avec", "dans", "au", "aux", "ce", "cette", "pas", "moi", "combien",
        "doit", "facture", "factures", "facturer", "facture", "paye", "payee", "regle", "reglee", "recu", "relance", "relancer",
        "relances", "bonjour", "salut", "merci", "aide", "echeance", "echeances", "jours", "mois", "semaine", "demain", "annule",
        "annuler", "oui", "non", "client", "cliente", "fiable", "virement", "penalites", "interets", "brouillons", "mise", "demeure",
        "conteste", "litige", "promet", "payer", "fois", "par", "ou", "en", "retard", "situation", "aujourd'hui", "bonsoir", "coucou",
        "m'a", "c'est", "qu'est-ce", "l'email", "surveille", "fin", "mensualites", "dois", "doivent", "impayes", "impayees",
        "venir", "prochaines", "semaines", "quelles", "quels", "sont", "mes", "annule", "ca", "j'ai", "reglement", "oui", "merci",
    };

    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "the", "of", "is", "for", "to", "who", "what", "which", "how", "i", "you", "he", "she", "we", "they", "my", "your", "with",
        "in", "on", "at", "this", "that", "not", "owes", "owe", "invoice", "invoices", "invoiced", "paid", "pay", "payment",
        "received", "remind", "reminder", "reminders", "hello", "hi", "hey", "thanks", "thank", "help", "due", "days", "weeks",
        "month", "months", "tomorrow", "cancel", "yes", "no", "reliable", "check", "late", "fees", "interest", "drafts", "draft",
        "disputes", "dispute", "promises", "will", "and", "has", "have", "does", "much", "show", "list", "status",
        "today", "soon", "coming", "outstanding", "unpaid", "overdue", "from", "by", "can", "per", "set", "up", "plan", "please", "upcoming",
        "watch", "next", "morning", "time", "zone", "quiet", "until", "dollars", "whats", "what's", "where", "are", "an",
    };

    public static string? Detect(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        int fr = 0, en = 0;
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && (char.IsLetter(folded[i]) || folded[i] == '\'' || (folded[i] == '-' && start >= 0));
            if (inWord)
            {
                if (start < 0)
                    start = i;
                continue;
            }

            if (start >= 0)
            {
                var word = folded[start..i];
                if (FrenchWords.Contains(word))
                    fr++;
                if (EnglishWords.Contains(word))
                    en++;
                // Elided French forms ("l'email", "m'a", "qu'il") are French whatever follows.
                if (word.Length > 2 && word[1] == '\'' && word[0] is 'l' or 'd' or 'm' or 'n' or 's' or 'j' or 'c')
                    fr++;
                start = -1;
            }
        }

        if (fr == en)
            return null;
        return fr > en ? French : English;
    }
}
