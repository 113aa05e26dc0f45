namespace Recouvrement.Skills.Understanding;

/// <summary>
/// Finds the client's name in the owner's own spelling: around a legal form ("Dupont SARL", "SCI Les Tilleuls"),
/// after a civility ("Mme Durand"), after a marker ("pour", "chez", "for"), before a verb ("X a payé", "X paid"),
/// or else the first capitalised name that is not a keyword.
/// </summary>
internal static class ClientNames
{
    private readonly record struct Token(int Start, int End, string Text, string Folded, bool Masked, bool Word)
    {
        public bool Capitalized => Word && Text.Length > 0 && (char.IsUpper(Text[0]) || Text == "&" || (char.IsDigit(Text[0]) && Text.Any(char.IsLetter)));
    }

    private static IReadOnlySet<string> LegalForms => CompanyWords.LegalForms;

    private static IReadOnlySet<string> Civilities => CompanyWords.Civilities;

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal)
    {
        "de", "du", "des", "d'", "la", "le", "les", "l'", "et", "and", "of", "the", "&", "en", "sur", "y", "van", "von", "der", "da", "di",
    };

    private static readonly HashSet<string> Markers = new(StringComparer.Ordinal)
    {
        "pour", "a", "chez", "client", "cliente", "for", "to", "from", "avec", "with", "sur", "facture", "factures", "invoice", "factur",
        "facturer", "invoiced", "billed", "relance", "relancer", "relancez", "remind", "chase", "surveille", "surveiller", "watch",
        "check", "verifie", "verifier", "de", "du", "par", "by", "fiche", "statut", "status", "situation", "about", "concernant",
        "reminder", "mise", "demeure", "monitor", "on", "doit", "owes", "is", "est", "entreprise", "societe", "company", "prospect",
        "penalites", "interets", "fees", "penalties", "notice", "compte", "contre", "against",
    };

    private static readonly HashSet<string> VerbsAfter = new(StringComparer.Ordinal)
    {
        "a", "m'a", "ont", "paid", "has", "have", "propose", "proposes", "offers", "offre", "conteste", "contests", "disputes",
        "promet", "promises", "peut", "can", "me", "owes", "est", "is", "doit", "vient", "just", "refuse", "refuses", "wants", "veut",
        "souhaite", "demande", "asks", "will", "va", "paie", "paye", "regle", "pays", "sent", "says", "dit", "parle", "parlent", "speaks",
        "m'", "pay", "owe", "pretend", "affirme", "assure", "claims", "claim", "vire", "verse", "n'a", "n'ont", "hasn't", "didn't", "doesn't",
    };

    /// <summary>Words that open a question before the name: "est-ce que X a payé ?", "did X pay?", "how much does X owe?".</summary>
    private static readonly HashSet<string> QuestionOpeners = new(StringComparer.Ordinal)
    {
        "est-ce", "que", "qu'", "did", "does", "has", "have", "is", "how", "much", "do", "combien", "alors", "so", "et",
    };

    private static readonly HashSet<string> MonthWords = new(StringComparer.Ordinal)
    {
        "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "ce", "cette", "this", "last", "next", "l'annee", "year", "2025", "2026", "2027",
    };

    /// <summary>Words that never start or continue a name, even capitalised at the start of a sentence.</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "facture", "factures", "factur", "facturer", "facturé", "invoice", "invoices", "invoiced", "bill", "billed", "nouvelle", "nouveau",
        "new", "ajoute", "ajouter", "add", "log", "enregistre", "relance", "relancer", "relances", "remind", "reminder", "chase", "rappel",
        "paiement", "payment", "paid", "paye", "payee", "regle", "reglee", "recu", "received", "virement", "qui", "who", "what", "combien",
        "how", "ou", "where", "est-ce", "est", "is", "check", "verifie", "surveille", "watch", "bonjour", "hello", "hi", "salut", "merci",
        "echeance", "echeances", "due", "pour", "for", "de", "du", "des", "le", "la", "les", "un", "une", "a", "an", "the", "et", "and",
        "avec", "with", "sur", "on", "par", "by", "en", "in", "au", "aux", "j'ai", "je", "i", "il", "elle", "on", "nous", "we", "they",
        "mise", "demeure", "penalites", "interets", "fees", "late", "interest", "statut", "status", "situation", "fiche", "historique",
        "history", "plan", "propose", "payer", "pay", "conteste", "dispute", "disputes", "litige", "promet", "promises", "annule", "cancel",
        "aide", "help", "brouillons", "drafts", "draft", "redige", "rediger", "ecris", "write", "net", "payable", "jours", "days", "mois",
        "month", "months", "semaine", "week", "fin", "end", "demain", "tomorrow", "aujourd'hui", "today", "email", "e-mail", "mail", "siren",
        "siret", "montant", "amount", "client", "cliente", "customer", "prospect", "ttc", "ht", "eur", "euros", "usd", "est-il", "fiable",
        "reliable", "trustworthy", "societe", "entreprise", "company", "me", "m'a", "doit", "owes", "owe", "peut", "can", "a-t-il", "il",
        "dans", "sous", "chez", "from", "to", "of", "l'email", "l'e-mail", "adresse", "son", "sa", "ses", "mon", "ma", "mes", "notre",
        "votre", "ce", "cette", "ca", "that", "this", "it", "oui", "non", "yes", "no", "ok", "show", "montre", "affiche", "list", "liste",
        "encore", "still", "deja", "already", "bien", "tout", "toute", "totalite", "partiel", "partial", "acompte", "avance", "solde",
        "reste", "mensualites", "instalments", "installments", "fois", "times", "par", "per", "chaque", "each", "every", "mensuel",
        "monthly", "please", "stp", "svp", "merci", "thanks", "note", "notes", "mauvais", "bon", "payeur", "interets", "indemnite",
        "calcule", "calculate", "compute", "quelles", "quels", "quelle", "quel", "which", "qu'est-ce", "que", "quoi", "where's", "what's",
        "outstanding", "unpaid", "overdue", "impayes", "impayees", "retard", "late", "envoie", "envoyer", "send", "sent", "emise", "issued",
        "reglement", "verse", "vire", "transfer", "wire", "cheque", "check", "montre-moi", "dis-moi", "tell", "give", "donne",
        "ete", "approval", "validation", "argent", "money", "select", "drop", "insert", "delete", "update", "union", "table", "script",
        "alert", "regler", "avant", "apres", "reception", "comptant", "quinzaine", "huitaine", "m'", "ferme", "amicale", "courtois", "courtoise", "firm", "friendly", "formal", "final", "dernier", "derniere", "avis", "iban", "lien", "link", "taux", "rate", "set", "up", "mets", "met", "fais", "make", "create", "capitale", "espece", "especes", "cash", "full", "totalite", "montant", "somme", "total", "rien", "nothing", "anything", "reputation", "compte", "releve", "statement", "account", "solvabilite", "fiabilite", "infos", "informations", "procedures", "collectives", "sante", "financiere",
        "dossier", "injonction", "recouvrement", "contentieux", "tribunal", "juge", "justice", "commissaire", "huissier", "petites", "petite", "creances", "creance",
        "maintenant", "ensuite", "faire", "recours", "prochaine", "etape", "saisir", "prepare", "preparer", "order", "court", "file", "case", "claim", "claims", "small",
        "escalate", "now", "next", "step", "should", "do", "take", "about", "against", "contre", "face", "dois-je", "puis-je", "faut-il",
    };

    /// <summary>Intents where a name typed in lower case is still worth reading.</summary>
    private static bool LowerCaseAllowed(string intent) => intent is Intents.LogInvoice or Intents.RecordPayment or Intents.ClientStatus
        or Intents.DraftReminder or Intents.LateFees or Intents.CheckReputation or Intents.ProposePlan or Intents.Dispute
        or Intents.PromiseToPay or Intents.SetClient or Intents.Watch or Intents.CreditNote or Intents.Undo or Intents.Correct
        or Intents.DeleteInvoice or Intents.MergeClients or Intents.ReminderHistory or Intents.PlanStatus or Intents.Statement or Intents.Escalate;

    public static (string? Name, string? Kind) Find(FoldedText t, string intent)
    {
        var tokens = Tokenize(t);
        if (tokens.Count == 0)
            return (null, null);

        // 1. A legal form anchors a company name on either side.
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Masked || !IsLegalForm(tokens, i))
                continue;
            var start = i;
            while (start > 0 && IsNamePart(tokens, start - 1, leftward: true))
                start--;
            var end = i;
            while (end + 1 < tokens.Count && IsNamePart(tokens, end + 1, leftward: false))
                end++;
            if (start == end && tokens[i].Folded is "co" or "cie" or "fils" or "freres" or "associes")
                continue;
            // "acme ltd", "transports girard sarl" typed in lower case: up to three free words before the form.
            while (start == i && start > 0 && i - start < 3 && FreeWord(tokens, start - 1) && !MonthWords.Contains(tokens[start - 1].Folded))
            {
                start--;
                if (start == 0 || !FreeWord(tokens, start - 1) || i - start >= 3)
                    break;
            }

            if (start == end && end + 1 < tokens.Count && !tokens[end + 1].Masked && tokens[end + 1].Word && !IsStop(tokens[end + 1]))
                end++; // "SCI tilleuls" typed in lower case
            if (start == end)
                continue;
            return (Span(t, tokens, start, end), "company");
        }

        // 2. A civility opens a person's name.
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Masked || !Civilities.Contains(tokens[i].Folded) || !tokens[i + 1].Word || tokens[i + 1].Masked || IsStop(tokens[i + 1]))
                continue;
            if (tokens[i].Folded is "me" or "m" && !tokens[i + 1].Capitalized)
                continue;
            if (tokens[i].Folded is "me" or "m" && !tokens[i].Capitalized)
                continue;
            var end = i + 1;
            while (end + 1 < tokens.Count && tokens[end + 1].Capitalized && !tokens[end + 1].Masked && !IsStop(tokens[end + 1]))
                end++;
            return (Span(t, tokens, i, end), "individual");
        }

        // 3. A capitalised name right before a verb ("Garage Petit peut payer", "Northwind paid").
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!VerbsAfter.Contains(tokens[i].Folded) || !tokens[i - 1].Capitalized || tokens[i - 1].Masked || IsStop(tokens[i - 1]))
                continue;
            var end = i - 1;
            var start = end;
            while (start > 0 && IsNamePart(tokens, start - 1, leftward: true))
                start--;
            return (Span(t, tokens, start, end), null);
        }

        // 3b. The same in lower case, at the start or after a question opener: "dupont a payé 200", "est-ce que
        // boulangerie martin a payé ?", "did acme pay?".
        if (LowerCaseAllowed(intent))
        {
            var first = 0;
            while (first < tokens.Count && first < 4 && QuestionOpeners.Contains(tokens[first].Folded))
                first++;
            for (var i = first + 1; i <= first + 3 && i < tokens.Count; i++)
            {
                if (!VerbsAfter.Contains(tokens[i].Folded))
                    continue;
                var allWords = true;
                for (var k = first; k < i; k++)
                {
                    // "hotel du parc a payé": a connector may join the words of a lower-case name, never start or end it.
                    var connector = k > first && k < i - 1 && Connectors.Contains(tokens[k].Folded);
                    allWords &= tokens[k].Word && !tokens[k].Masked && (connector || !IsStop(tokens[k])) && !char.IsDigit(tokens[k].Text[0]);
                }
                if (allWords)
                    return (Span(t, tokens, first, i - 1), null);
                break;
            }
        }

        // 4. After a marker word: a capitalised run, or a short lower-case one.
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var marker = tokens[i].Folded.StartsWith("factur", StringComparison.Ordinal) ? "facture" : tokens[i].Folded;
            if (!Markers.Contains(marker) || tokens[i].Masked)
                continue;
            var j = i + 1;
            // Skip articles: "pour la Boulangerie Martin".
            while (j < tokens.Count - 1 && tokens[j].Folded is "la" or "le" or "les" or "l'" or "the" or "mon" or "ma" or "my" or "client" or "cliente" or "customer" && !tokens[j].Masked)
                j++;
            // "facture F-2 Hôtel du Parc", "facture du 01/11 Hôtel du Parc": the name comes after the number or date
            // (read already), not after the "du" inside the name.
            var past = j;
            while (past < tokens.Count - 1 && tokens[past].Masked)
                past++;
            if (past > j && tokens[past].Capitalized && !tokens[past].Masked)
                j = past;
            if (j >= tokens.Count || tokens[j].Masked || !tokens[j].Word || char.IsDigit(tokens[j].Text[0]))
                continue;
            if (IsStop(tokens[j]) && !(IsCapitalizedArticle(tokens[j]) && j + 1 < tokens.Count && tokens[j + 1].Capitalized && !IsStop(tokens[j + 1])))
                continue;
            if (tokens[j].Capitalized)
            {
                var end = j;
                while (end + 1 < tokens.Count && IsNamePart(tokens, end + 1, leftward: false))
                    end++;
                return (Span(t, tokens, j, end), null);
            }

            // Lower case: only where a name is expected, after a marker that announces one, and only a few words.
            // "factures de hotel du parc", "invoices for acme": the list of one client's invoices.
            var invoicesOf = intent == Intents.WhoOwesMe && i > 0 && marker is "de" or "du" or "of" or "for" or "pour" or "chez"
                && tokens[i - 1].Folded is "facture" or "factures" or "invoices" or "invoice" or "impayes" or "impayees" or "dettes" or "debts"
                && !MonthWords.Contains(tokens[j].Folded);
            if (!LowerCaseAllowed(intent) && !invoicesOf)
                continue;
            var weak = marker is "a" or "de" or "du" or "to" or "sur" or "from" or "by" or "par" or "with" or "avec" or "on" or "est" or "is" or "doit" or "owes";
            if (weak && !invoicesOf && intent is not (Intents.LogInvoice or Intents.RecordPayment or Intents.ClientStatus or Intents.DraftReminder or Intents.CheckReputation or Intents.LateFees))
                continue;
            if (marker is "est" && (i == 0 || tokens[i - 1].Folded != "en"))
                continue;
            var stop = j;
            var words = 1;
            while (stop + 1 < tokens.Count && words < 4)
            {
                if (FreeWord(tokens, stop + 1))
                {
                    stop++;
                    words++;
                }
                else if (Connectors.Contains(tokens[stop + 1].Folded) && !tokens[stop + 1].Masked && stop + 2 < tokens.Count && FreeWord(tokens, stop + 2))
                {
                    // "hotel du parc", "cabinet de la gare": a connector joins two lower-case words of one name.
                    stop += 2;
                    words++;
                }
                else
                {
                    break;
                }
            }

            return (Span(t, tokens, j, stop), null);
        }

        // 5. The first capitalised non-keyword ("Northwind 500 a month", "Dupont 1200€").
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].Capitalized || tokens[i].Masked || IsStop(tokens[i]) || char.IsDigit(tokens[i].Text[0]))
                continue;
            var end = i;
            while (end + 1 < tokens.Count && IsNamePart(tokens, end + 1, leftward: false))
                end++;
            return (Span(t, tokens, i, end), null);
        }

        // 6. A lone lower-case word followed by an amount ("dupont 1200€").
        if (tokens.Count >= 2 && tokens[0].Word && !tokens[0].Masked && !IsStop(tokens[0]) && tokens[1].Masked && intent is Intents.LogInvoice or Intents.Unknown or Intents.RecordPayment)
            return (Span(t, tokens, 0, 0), null);
        return (null, null);
    }

    private static bool FreeWord(List<Token> tokens, int i) =>
        tokens[i].Word && !tokens[i].Masked && !IsStop(tokens[i]) && !char.IsDigit(tokens[i].Text[0]) && !Connectors.Contains(tokens[i].Folded);

    private static bool IsCapitalizedArticle(Token tok) => tok.Capitalized && tok.Folded is "le" or "la" or "les" or "l'" or "the";

    private static bool IsLegalForm(List<Token> tokens, int i)
    {
        var tok = tokens[i];
        if (!LegalForms.Contains(tok.Folded))
            return false;
        // "sa" and "sl" are also French/English words: only upper-case counts.
        if (tok.Folded is "sa" or "sl" or "co" or "ag" or "ei" or "bv" or "inc" or "spa")
            return tok.Text.All(c => char.IsUpper(c) || c == '.') || (tok.Folded is "co" or "inc" && char.IsUpper(tok.Text[0]));
        return true;
    }

    private static bool IsNamePart(List<Token> tokens, int i, bool leftward)
    {
        var tok = tokens[i];
        if (tok.Masked || !tok.Word)
            return false;
        if (tok.Text == "&" || tok.Text == "-")
            return true;
        if (IsLegalForm(tokens, i))
            return true;
        if (tok.Capitalized && !IsStop(tok))
            return true;
        if (Connectors.Contains(tok.Folded))
        {
            // A connector only joins two capitalised parts: "Café de la Gare", "Martin et Fils".
            var k = leftward ? i - 1 : i + 1;
            while (k >= 0 && k < tokens.Count && Connectors.Contains(tokens[k].Folded) && !tokens[k].Masked)
                k += leftward ? -1 : 1;
            return k >= 0 && k < tokens.Count && !tokens[k].Masked && tokens[k].Capitalized && !IsStop(tokens[k]) && tokens[k].Folded is not ("sarl" or "sas");
        }

        return false;
    }

    private static bool IsStop(Token tok) => Keywords.Contains(tok.Folded) || tok.Folded.StartsWith("factur", StringComparison.Ordinal) || tok.Folded.StartsWith("relanc", StringComparison.Ordinal);

    private static readonly char[] TrailingPunctuation = ['.', ',', ';', ':', '!', '?', '-'];
    private static readonly char[] Quotes = ['"', '\'', '«', '»', '“', '”'];

    private static string Span(FoldedText t, List<Token> tokens, int start, int end)
    {
        // Trim trailing connectors and punctuation that ended up inside.
        while (end > start && (Connectors.Contains(tokens[end].Folded) || !tokens[end].Word) && tokens[end].Text != "&")
            end--;
        var text = t.Original[tokens[start].Start..tokens[end].End].Trim().TrimEnd(TrailingPunctuation).Trim();
        text = text.Trim(Quotes).Trim();
        // "Contoso's invoices" is about Contoso.
        if (text.Length > 3 && (text.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || text.EndsWith("’s", StringComparison.OrdinalIgnoreCase)))
            text = text[..^2];
        return text;
    }

    private static List<Token> Tokenize(FoldedText t)
    {
        var s = t.Original;
        var tokens = new List<Token>((s.Length / 4) + 4);
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsLetterOrDigit(c))
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || ((s[i] == '-' || s[i] == '\'' || s[i] == '’' || s[i] == '.') && i + 1 < s.Length && char.IsLetterOrDigit(s[i + 1]))))
                {
                    // Elision: "l'", "d'" stay separate tokens ("d'Alsace" -> "d'", "Alsace").
                    if ((s[i] == '\'' || s[i] == '’') && i - start == 1)
                    {
                        i++;
                        break;
                    }

                    i++;
                }

                // Keep a trailing dot of an abbreviation ("M.", "S.A.").
                if (i < s.Length && s[i] == '.' && i - start <= 3 && (i + 1 == s.Length || char.IsWhiteSpace(s[i + 1])) && s[start..i].All(ch => char.IsLetter(ch) || ch == '.') && i - start <= 2)
                    i++;
            }
            else
            {
                i++;
            }

            var masked = false;
            for (var k = start; k < i; k++)
            {
                if (t.IsMasked(k))
                {
                    masked = true;
                    break;
                }
            }

            var text = s[start..i];
            var word = char.IsLetterOrDigit(c) || c == '&';
            // Folding already turned typographic apostrophes into plain ones.
            var folded = t.Folded[start..i];
            tokens.Add(new Token(start, i, text, folded, masked, word));
        }

        return tokens;
    }
}
