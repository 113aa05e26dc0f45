using System.Text.RegularExpressions;

namespace Recouvrement.Skills.Understanding;

/// <summary>
/// Deterministic French/English understanding: entities first (they are blanked out once read, so "payable à 60 jours"
/// never looks like a payment), then the intent from what is left, then the client's name from the owner's own spelling.
/// Stateless and thread-safe.
/// </summary>
public sealed partial class Recognizer
{
    /// <summary>Longer messages are not read: they are pasted documents, not requests.</summary>
    public const int MaxLength = 2000;

    public Recognition Recognize(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
            return new Recognition(Intents.Unknown, new Entities(), null, []);
        text = SafeText.Clean(text);

        // "note sur X : texte" is taken whole: the note's words are the owner's, not a request.
        if (NoteRegex().Match(text.Trim()) is { Success: true } note)
        {
            return new Recognition(Intents.AddNote, new Entities { Client = note.Groups["subject"].Value.Trim(), NoteText = note.Groups["text"].Value.Trim() },
                Language.Detect(new FoldedText(text).Folded), []);
        }

        var t = new FoldedText(text.Trim());

        // An address is taken whole: its numbers are not an amount, its street not a client. Indexes of the folded
        // text map onto its own original (same length), not onto the raw input.
        if (AddressRegex().Match(t.Folded) is { Success: true } am)
        {
            var address = t.Original[am.Groups["addr"].Index..].Trim().TrimEnd('.', '!').Trim();
            var owner = am.Groups["mine"].Success;
            var who = owner ? null : t.Original.Substring(am.Groups["client"].Index, am.Groups["client"].Length).Trim();
            return new Recognition(owner ? Intents.SetSettings : Intents.SetClient, new Entities { Client = who, Address = address },
                Language.Detect(t.Folded), []);
        }

        var problems = new List<Problem>();
        var language = Language.Detect(t.Folded);

        // A malformed address is still taken as the address meant, so that it can be refused in plain words.
        var email = !t.Folded.Contains('@', StringComparison.Ordinal) ? null : TakeFirst(EmailRegex(), t, useOriginal: true) ?? TakeFirst(LooseEmailRegex(), t, useOriginal: true);
        var url = TakeFirst(UrlRegex(), t, useOriginal: true);
        var iban = Gates.HasDigit(t.Masked) && TakeFirst(IbanRegex(), t, useOriginal: true) is { } rawIban ? new string([.. rawIban.Where(char.IsLetterOrDigit)]).ToUpperInvariant() : null;
        int? rateBp = null;
        var rm = RateRegex().Match(t.Masked);
        if (rm.Success && Amounts.TryParseNumber(rm.Groups["n"].Value, out var pct) && pct <= 100)
        {
            rateBp = (int)Math.Round(pct * 100);
            t.Mask(rm.Index, rm.Length);
        }

        string? businessName = null;
        var bm = BusinessNameRegex().Match(t.Original);
        if (bm.Success)
        {
            businessName = bm.Groups["name"].Value.Trim().TrimEnd('.', '!');
            t.Mask(bm.Index, bm.Length);
        }
        var quoted = TakeQuotedName(t);
        var (siren, siret) = TakeCompanyId(t);
        var number = TakeInvoiceNumber(t);
        var dates = TakeDates(t, today);
        var instalments = TakeInstalments(t);
        var (amount, currency, monthly, amountMarked) = TakeAmounts(t, problems);

        var chatLanguage = ChatLanguageRegex().Match(t.Folded) is { Success: true } cl ? LanguageCode(cl.Groups["l"].Value) : null;
        var clientLanguage = chatLanguage is null && ClientLanguageRegex().Match(t.Folded) is { Success: true } kl ? LanguageCode(kl.Groups["l"].Value) : null;
        var schedule = ScheduleIntent(t.Folded);
        var resetRate = DefaultRateRegex().IsMatch(t.Folded) && !t.Folded.Contains('?', StringComparison.Ordinal);
        var copy = email is not null && CopyRegex().Match(t.Masked) is { Success: true } cm ? cm : null;
        var copyOff = CopyOffRegex().IsMatch(t.Masked);
        var legalForm = OwnerLegalFormRegex().Match(t.Folded) is { Success: true } lf ? lf.Groups["form"].Value.Trim('.').ToUpperInvariant() : null;
        var ownerIdentity = legalForm is not null || (siren is not null && OwnerSirenRegex().IsMatch(t.Folded));
        if (copy is not null || copyOff)
        {
            // A copy for one client (« … en copie pour Dupont SARL ») or for all of them (« mets ma comptable en copie »).
            var (copyClient, _) = ClientNames.Find(t, Intents.SetClient);
            return new Recognition(copyClient is null ? Intents.SetSettings : Intents.SetClient, new Entities
            {
                Client = copyClient,
                Email = email,
                Copy = true,
                CopyHidden = copy?.Groups["hidden"].Success ?? false,
                CopyOff = copyOff && copy is null,
            }, language, problems);
        }

        var settingsHint = schedule is null && (ownerIdentity || chatLanguage is not null || resetRate || iban is not null || (url is not null && PaymentLinkWordRegex().IsMatch(t.Folded)) || businessName is not null || (rateBp is not null && RateWordRegex().IsMatch(t.Folded)) || AutoSendRegex().IsMatch(t.Folded));
        var intent = schedule ?? (settingsHint ? Intents.SetSettings : null) ?? (clientLanguage is not null ? Intents.SetClient : null) ?? ClassifyIntent(t.Masked, t.Folded, hasAmount: amount is not null || monthly is not null, hasDate: dates.Count > 0, hasNumber: number is not null, hasSiren: siren is not null, hasPlan: instalments is not null || monthly is not null);
        // Bare numbers only count as money where money is expected ("alert(1)" is not an amount).
        if (amount is not null && currency is null && !amountMarked && intent is not (Intents.LogInvoice or Intents.RecordPayment or Intents.ProposePlan or Intents.Dispute or Intents.PromiseToPay or Intents.Unknown or Intents.Correct or Intents.CreditNote or Intents.Undo))
            amount = null;
        var (client, kindHint) = quoted is not null ? (quoted, null) : intent is Intents.SetSettings || (schedule is not null && schedule is not (Intents.PlanStatus or Intents.CancelPlan or Intents.KeepPlan)) ? (null, null) : ClientNames.Find(t, intent);
        if (intent == Intents.Unknown && client is not null && amount is not null)
            intent = Intents.LogInvoice;
        if (intent == Intents.Unknown && amount is not null && client is null && !amountMarked)
            amount = null;
        if (intent == Intents.Unknown && client is not null && amount is null)
        {
            // A message that is just a client's name asks about that client; a name inside a stray sentence is noise.
            if (client.Length * 10 >= t.Original.Trim().TrimEnd('?', '!', '.').Length * 6)
                intent = Intents.ClientStatus;
            else
                client = null;
        }

        var mood = Mood.Assertion;
        string? withheld = null;
        if (intent is Intents.RecordPayment or Intents.LogInvoice or Intents.CreditNote or Intents.Unknown or Intents.WhoOwesMe or Intents.ClientStatus)
        {
            mood = MoodOf(t.Folded, t.Masked);
            var aboutPayment = intent == Intents.RecordPayment || PaymentRegex().IsMatch(t.Masked) || PayVerbRegex().IsMatch(t.Masked);
            if (mood != Mood.Assertion && (intent is Intents.RecordPayment or Intents.CreditNote || (intent == Intents.LogInvoice && mood != Mood.Question) || aboutPayment))
            {
                // Asked, reported, denied or supposed: never a write. Answer with what the book says instead.
                withheld = aboutPayment ? Intents.RecordPayment : intent;
                intent = client is not null || number is not null ? Intents.ClientStatus : Intents.WhoOwesMe;
            }
            else if (mood == Mood.Question && intent == Intents.LogInvoice && QuestionOpenerRegex().IsMatch(t.Folded))
            {
                withheld = intent;
                intent = client is not null ? Intents.ClientStatus : Intents.WhoOwesMe;
            }
        }

        if (intent == Intents.ClientStatus && client is null && WhoOwesRegex().IsMatch(t.Masked))
            intent = Intents.WhoOwesMe;
        if (intent == Intents.WhoOwesMe && client is not null)
            intent = Intents.ClientStatus;
        if (intent == Intents.Greeting && (client is not null || amount is not null))
            intent = amount is not null ? Intents.LogInvoice : Intents.ClientStatus;
        var kind = KindRegex().Match(t.Folded) is { Success: true } km ? (km.Groups["ind"].Success ? "individual" : "company") : null;

        var step = StepOf(t.Folded);
        var plan = PlanStatementRegex().Match(t.Folded) is { Success: true } pm ? (pm.Groups["bad"].Success ? "strict" : pm.Groups["good"].Success ? "gentle" : "standard") : null;
        if (plan is not null && intent is Intents.CheckReputation or Intents.ClientStatus or Intents.Unknown && !t.Folded.Contains('?', StringComparison.Ordinal))
            intent = Intents.SetClient;
        bool? toggle = intent == Intents.SetSettings && AutoSendRegex().IsMatch(t.Folded) ? !OffRegex().IsMatch(t.Folded) : null;

        DateOnly? due = null, issue = null, other = null;
        var dueInferred = false;
        string? invalidDate = null;
        foreach (var d in intent is Intents.SetDigest or Intents.SetTimeZone or Intents.SetPlanPolicy ? [] : dates)
        {
            if (d.Invalid)
            {
                problems.Add(Problem.ImpossibleDate);
                invalidDate ??= d.Text;
                continue;
            }

            if (d.Conflict)
            {
                problems.Add(Problem.WeekdayMismatch);
                invalidDate ??= d.Text;
                continue;
            }

            var prefix = t.Folded[Math.Max(0, d.Index - 24)..d.Index];
            if (intent == Intents.LogInvoice && issue is null && IsIssueDate(t.Folded, d))
                issue = Dates.PastOccurrence(d, today);
            else if (DueMarkerRegex().IsMatch(prefix))
            {
                dueInferred = due is null ? d.YearInferred : dueInferred;
                due ??= d.Value;
            }
            else if (intent is Intents.RecordPayment)
                other ??= Dates.PastOccurrence(d, today);
            else if (intent is Intents.PromiseToPay or Intents.Dispute)
                other ??= d.Value;
            else if (due is null)
            {
                due = d.Value;
                dueInferred = d.YearInferred;
            }
            else
                other ??= d.Value;
        }

        // A due date without a year next to a known invoice date is read against that date, not pushed past today.
        if (issue is { } issued && due is { } d0 && dueInferred)
            due = FirstOnOrAfter(issued, d0.Month, d0.Day);
        if (intent == Intents.PromiseToPay && other is null && due is not null)
            (other, due) = (due, null);
        var currencyExplicit = currency is not null;
        if (amount is not null || monthly is not null)
            currency ??= "EUR";

        var entities = new Entities
        {
            Client = client,
            Amount = amount,
            Currency = currency,
            CurrencyExplicit = currencyExplicit,
            DueDate = due,
            IssueDate = issue,
            Date = other,
            InvoiceNumber = number,
            Siren = siren,
            Siret = siret,
            Instalments = instalments,
            MonthlyAmount = monthly,
            Email = email,
            Kind = kind,
            KindHint = kind ?? kindHint,
            Step = step,
            Plan = plan,
            Iban = iban,
            Url = url,
            RateBp = rateBp,
            BusinessName = businessName,
            Toggle = toggle ?? (intent == Intents.SetDigest ? !NoDigestRegex().IsMatch(t.Folded) : null),
            Hour = intent == Intents.SetDigest && HourRegex().Match(t.Folded) is { Success: true } hm ? int.Parse(hm.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
            Weekday = intent == Intents.SetDigest ? WeekdayOf(t.Folded) : null,
            Indefinite = IndefiniteRegex().IsMatch(t.Folded),
            Months = intent == Intents.SetPlanPolicy && MonthsRegex().Match(t.Folded) is { Success: true } mm ? int.Parse(mm.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
            Days = intent == Intents.SetPlanPolicy && DaysRegex().Match(t.Folded) is { Success: true } dm ? int.Parse(dm.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
            ClientLanguage = intent == Intents.SetClient ? clientLanguage : null,
            ChatLanguage = intent == Intents.SetSettings ? chatLanguage : null,
            ResetRate = intent == Intents.SetSettings && resetRate,
            LegalForm = intent == Intents.SetSettings ? legalForm : null,
            TimeZone = intent == Intents.SetTimeZone && TimeZoneRegex().Match(t.Original) is { Success: true } tz ? tz.Groups["tz"].Value.Trim().TrimEnd('.', '!', '?') : null,
        };
        if (intent is Intents.Correct or Intents.MergeClients && OtherClientRegex().Match(t.Original) is { Success: true } oc)
        {
            // A correction names the right client first (« pour Dupond, pas Dupont »): Client is the one meant now.
            var (a, b) = (oc.Groups["a"].Value.Trim(), oc.Groups["b"].Value.Trim());
            entities = intent == Intents.Correct ? entities with { Client = b, OtherClient = a } : entities with { Client = a, OtherClient = b };
        }
        if (intent is Intents.Undo or Intents.Correct or Intents.DeleteInvoice)
            entities = entities with { Target = TargetOf(t.Folded, number is not null) };
        return new Recognition(intent, entities, language, problems) { InvalidDateText = invalidDate, Mood = mood, WithheldIntent = withheld };
    }

    private static DateOnly FirstOnOrAfter(DateOnly from, int month, int day)
    {
        for (var y = from.Year; y <= from.Year + 4; y++)
        {
            if (day <= DateTime.DaysInMonth(y, month) && new DateOnly(y, month, day) is var c && c >= from)
                return c;
        }

        return new DateOnly(from.Year + 1, month, Math.Min(day, DateTime.DaysInMonth(from.Year + 1, month)));
    }

    private static string? TakeFirst(Regex regex, FoldedText t, bool useOriginal)
    {
        var m = regex.Match(t.Masked);
        if (!m.Success)
            return null;
        t.Mask(m.Index, m.Length);
        return useOriginal ? t.Original.Substring(m.Index, m.Length) : m.Value;
    }

    private static (string? Siren, string? Siret) TakeCompanyId(FoldedText t)
    {
        var siret = SiretRegex().Match(t.Masked);
        if (siret.Success)
        {
            t.Mask(siret.Index, siret.Length);
            var digits = Digits(siret.Value);
            return (digits[..9], digits);
        }

        var siren = SirenRegex().Match(t.Masked);
        if (!siren.Success)
            return (null, null);
        t.Mask(siren.Index, siren.Length);
        return (Digits(siren.Value), null);
    }

    /// <summary>A name in quotes is taken verbatim: 'Les Jardins d'Alice', "Studio 54".</summary>
    private static string? TakeQuotedName(FoldedText t)
    {
        var m = QuotedRegex().Match(t.Original);
        if (!m.Success || m.Groups["name"].Value.Trim().Length < 2)
            return null;
        t.Mask(m.Index, m.Length);
        return m.Groups["name"].Value.Trim();
    }

    private static string? ScheduleIntent(string folded) =>
        PlanPolicyRegex().IsMatch(folded) ? Intents.SetPlanPolicy
        : CancelPlanRegex().IsMatch(folded) ? Intents.CancelPlan
        : KeepPlanRegex().IsMatch(folded) ? Intents.KeepPlan
        : PlanStatusRegex().IsMatch(folded) ? Intents.PlanStatus
        : TimeZoneRegex().IsMatch(folded) ? Intents.SetTimeZone
        : PauseRegex().IsMatch(folded) ? Intents.PauseReminders
        : ResumeRegex().IsMatch(folded) ? Intents.Resume
        : SilenceRegex().IsMatch(folded) ? Intents.Silence
        : DigestRegex().IsMatch(folded) ? Intents.SetDigest
        : null;

    private static DayOfWeek? WeekdayOf(string folded) =>
        WeekdayWordRegex().Match(folded) is { Success: true } m ? Dates.WeekdayOf(m.Value.TrimEnd('s')) : null;

    /// <summary>The ladder step the owner names, if any.</summary>
    private static string? StepOf(string folded) =>
        FinalNoticeRegex().IsMatch(folded) ? "final_notice"
        : FormalNoticeRegex().IsMatch(folded) ? "formal_notice"
        : FirmRegex().IsMatch(folded) ? "firm"
        : FriendlyRegex().IsMatch(folded) ? "friendly"
        : CourtesyRegex().IsMatch(folded) ? "courtesy"
        : null;

    private static string Digits(string s) => new([.. s.Where(char.IsAsciiDigit)]);

    private static string? TakeInvoiceNumber(FoldedText t)
    {
        // Every invoice number holds a digit.
        if (!Gates.HasDigit(t.Masked))
            return null;
        foreach (var regex in new[] { MarkedNumberRegex(), PrefixedNumberRegex(), BareNumberAfterInvoiceRegex(), YearSequenceNumberRegex() })
        {
            foreach (Match m in regex.Matches(t.Masked))
            {
                var g = m.Groups["num"];
                var raw = t.Original.Substring(g.Index, g.Length).TrimEnd('.', '-', '/', '_');
                if (!raw.Any(char.IsAsciiDigit))
                    continue;
                if (regex == PrefixedNumberRegex() && !LooksLikeInvoiceNumber(raw))
                    continue;
                if (regex == BareNumberAfterInvoiceRegex() && IsoDateRegex().IsMatch(raw))
                    continue;
                // "facture 2026-101": the number is taken, the word "facture" stays for the intent.
                if (regex == BareNumberAfterInvoiceRegex())
                    t.Mask(g.Index, g.Length);
                else
                    t.Mask(m.Index, m.Length);
                return raw;
            }
        }

        return null;
    }

    private static readonly HashSet<string> NotNumberPrefixes = new(StringComparer.Ordinal)
    {
        "net", "j", "h", "x", "k", "q", "s", "t", "d", "covid", "eur", "usd", "gbp", "chf", "mp", "j+", "top", "over", "sous", "dans", "in", "a", "en", "le", "de",
    };

    /// <summary>"Oct-2", "Aug-15" are dates, not invoice numbers.</summary>
    private static readonly HashSet<string> MonthAbbreviations = new(StringComparer.Ordinal)
    {
        "jan", "janv", "feb", "fev", "fevr", "mar", "apr", "avr", "may", "mai", "jun", "juin", "jul", "juil", "aug", "aou", "sep", "sept", "oct", "nov", "dec",
    };

    private static readonly HashSet<string> InvoicePrefixes = new(StringComparer.Ordinal) { "f", "fa", "fac", "fact", "ft", "inv", "in", "fc", "no" };

    /// <summary>"F-2026-041", "INV-88", "FA2026": letters then digits, with a dash or an upper-case prefix.</summary>
    private static bool LooksLikeInvoiceNumber(string raw)
    {
        var letters = new string([.. raw.TakeWhile(char.IsLetter)]);
        var folded = letters.ToLowerInvariant();
        if (letters.Length == 0 || MonthAbbreviations.Contains(folded))
            return false;
        // "A-1", "B-12": an upper-case letter and a dash is a number ("J-3" is a ladder step).
        if (letters.All(char.IsUpper) && raw.Length > letters.Length && raw[letters.Length] == '-' && folded is not ("j" or "h" or "d"))
            return true;
        if (NotNumberPrefixes.Contains(folded))
            return false;
        if (raw.Contains('-') || raw.Contains('_') || raw.Contains('/'))
            return true;
        return letters.All(char.IsUpper) || InvoicePrefixes.Contains(folded);
    }

    private static List<Dates.Match> TakeDates(FoldedText t, DateOnly today)
    {
        // Payment terms ("à 30 jours") count from the invoice date when the owner gives one ("facture du 01/11").
        Func<int, DateOnly>? termsBase = null;
        if (IssueHintRegex().IsMatch(t.Folded) || TermsRegex().IsMatch(t.Folded))
        {
            var probe = new FoldedText(t.Original);
            for (var i = 0; i < t.Original.Length; i++)
            {
                if (t.IsMasked(i))
                    probe.Mask(i, 1);
            }

            foreach (var d in Dates.Extract(probe, today))
            {
                if (d.Value is not null && IsIssueDate(t.Folded, d))
                {
                    var issue = Dates.PastOccurrence(d, today);
                    termsBase = _ => issue;
                    break;
                }
            }
        }

        return Dates.Extract(t, today, termsBase);
    }

    private static int? TakeInstalments(FoldedText t)
    {
        foreach (var regex in new[] { InstalmentsRegex(), InstalmentsCountRegex(), InstalmentsOverRegex(), InstalmentsTimesRegex() })
        {
            var m = regex.Match(t.Masked);
            if (!m.Success)
                continue;
            var n = CountWord(m.Groups["n"].Value);
            if (n is null)
                continue;
            t.Mask(m.Index, m.Length);
            return n;
        }

        return null;
    }

    private static int? CountWord(string s) => s switch
    {
        "un" or "une" or "one" => 1,
        "deux" or "two" => 2,
        "trois" or "three" => 3,
        "quatre" or "four" => 4,
        "cinq" or "five" => 5,
        "six" => 6,
        "sept" or "seven" => 7,
        "huit" or "eight" => 8,
        "neuf" or "nine" => 9,
        "dix" or "ten" => 10,
        "douze" or "twelve" => 12,
        _ => int.TryParse(s, out var n) ? n : null,
    };

    private static (decimal? Amount, string? Currency, decimal? Monthly, bool Marked) TakeAmounts(FoldedText t, List<Problem> problems)
    {
        decimal? amount = null, monthly = null;
        string? currency = null, monthlyCurrency = null;
        bool amountMarked = false, amountGross = false;
        // Amounts in words first ("twenty dollars 43 cents"): their cents digits are not a second amount.
        foreach (var w in NumberWords.Find(t.Masked))
        {
            amount = w.Value;
            currency = w.Currency;
            amountMarked = true;
            t.Mask(w.Index, w.Length);
            break;
        }

        var masked = t.Masked;
        foreach (var m in Amounts.Find(masked))
        {
            var after = masked[(m.Index + m.Length)..];
            var before = masked[..m.Index];
            if (!m.Marked && UnitAfterRegex().IsMatch(after))
                continue;
            if (MonthlyAfterRegex().IsMatch(after) || MonthlyBeforeRegex().IsMatch(before))
            {
                if (monthly is null)
                {
                    monthly = m.Value;
                    monthlyCurrency = m.Currency;
                    t.Mask(m.Index, m.Length + MonthlyAfterRegex().Match(after).Length);
                }

                continue;
            }

            // Net and gross side by side ("1 200 € HT, 1 440 € TTC"): the gross amount is what is owed.
            if (amount is not null && amountMarked && m.Marked && m.Gross != amountGross)
            {
                if (m.Gross)
                {
                    amount = m.Value;
                    currency = m.Currency;
                    amountGross = true;
                }

                t.Mask(m.Index, m.Length);
                continue;
            }

            // Two different amounts both written as money ("1 200 € … 1 300 €"): a question, not a guess.
            if (amount is { } first && m.Marked && amountMarked && m.Value != first && !problems.Contains(Problem.AmbiguousAmount))
            {
                problems.Add(Problem.AmbiguousAmount);
                continue;
            }

            // A number with a currency or a "k" beats a bare one; among equals the first wins.
            if (amount is null || (m.Marked && !amountMarked))
            {
                amount = m.Value;
                currency = m.Currency;
                amountMarked = m.Marked;
                amountGross = m.Gross;
                t.Mask(m.Index, m.Length);
            }
        }

        if (amount is null && monthly is null && CurrencyWordRegex().IsMatch(t.Masked))
            problems.Add(Problem.UnreadableAmount);
        if (problems.Contains(Problem.AmbiguousAmount))
            return (null, null, monthly, false);
        return (amount, currency ?? monthlyCurrency, monthly, amountMarked);
    }

    /// <summary>Ordered rules over the text left once entities are blanked: the first that applies wins.</summary>
    internal static string ClassifyIntent(string m, string unmasked, bool hasAmount, bool hasDate, bool hasNumber, bool hasSiren, bool hasPlan)
    {
        // "à payer le 15/10", "à régler avant le …": the words of a due date, not a payment.
        m = DueVerbRegex().Replace(m, " ");
        if (CancelRegex().IsMatch(m))
            return Intents.Cancel;
        if (UndoPaymentRegex().IsMatch(m) || UndoLastRegex().IsMatch(m))
            return Intents.Undo;
        if (DeleteInvoiceRegex().IsMatch(m))
            return Intents.DeleteInvoice;
        if (MergeRegex().IsMatch(m))
            return Intents.MergeClients;
        if (CorrectRegex().IsMatch(m) && (hasAmount || hasDate || hasNumber || CorrectWhatRegex().IsMatch(m)))
            return Intents.Correct;
        if (IncomeRegex().IsMatch(m))
            return Intents.IncomeReport;
        if (StatementRegex().IsMatch(m))
            return Intents.Statement;
        if (EscalateRegex().IsMatch(m))
            return Intents.Escalate;
        if (ListPaidRegex().IsMatch(m))
            return Intents.ListPaid;
        if (ExportRegex().IsMatch(m))
            return Intents.Export;
        if (CreditNoteRegex().IsMatch(m))
            return Intents.CreditNote;
        if (HistoryRegex().IsMatch(m))
            return Intents.ReminderHistory;
        if (ResolveDisputeRegex().IsMatch(m))
            return Intents.ResolveDispute;
        if (ListDraftsRegex().IsMatch(m))
            return Intents.ListDrafts;
        if (SetClientRegex().IsMatch(m))
            return Intents.SetClient;
        if (PromiseRegex().IsMatch(m))
            return Intents.PromiseToPay;
        if (PlanRegex().IsMatch(m) || (hasPlan && !InvoiceWordRegex().IsMatch(m)))
            return Intents.ProposePlan;
        if (DisputeRegex().IsMatch(m))
            return Intents.Dispute;
        if (StrongReminderRegex().IsMatch(m))
            return Intents.DraftReminder;
        if (LateFeesRegex().IsMatch(m))
            return Intents.LateFees;
        if (ReminderRegex().IsMatch(m))
            return Intents.DraftReminder;
        if (WatchRegex().IsMatch(m))
            return Intents.Watch;
        if (ReputationRegex().IsMatch(m) || WhoIsRegex().IsMatch(unmasked) || (hasSiren && !hasAmount && !InvoiceWordRegex().IsMatch(m)))
            return Intents.CheckReputation;
        if (PaymentHistoryRegex().IsMatch(m))
            return Intents.ClientStatus;
        if ((PaymentRegex().IsMatch(m) || PayVerbRegex().IsMatch(m)) && MoodOf(unmasked, m) is Mood.Question or Mood.Reported or Mood.Conditional)
            return Intents.ClientStatus;
        if (PaymentRegex().IsMatch(m) && !NotPaidRegex().IsMatch(m))
            return Intents.RecordPayment;
        if (NotPaidRegex().IsMatch(m))
            return Intents.WhoOwesMe;
        if (!hasAmount && !hasNumber && (DueSoonRegex().IsMatch(unmasked) || DueTodayRegex().IsMatch(unmasked)) && !LogVerbRegex().IsMatch(m))
            return Intents.DueSoon;
        if (InvoiceWordRegex().IsMatch(m) && (hasAmount || hasDate || hasNumber || LogVerbRegex().IsMatch(m)))
            return Intents.LogInvoice;
        if (DueSoonRegex().IsMatch(m) || DueSoonRegex().IsMatch(unmasked))
            return Intents.DueSoon;
        if (ClientStatusRegex().IsMatch(m))
            return Intents.ClientStatus;
        if (WhoOwesRegex().IsMatch(m))
            return Intents.WhoOwesMe;
        if (InvoiceWordRegex().IsMatch(m))
            return LogVerbRegex().IsMatch(m) || hasAmount ? Intents.LogInvoice : Intents.WhoOwesMe;
        if (HelpRegex().IsMatch(m))
            return Intents.Help;
        if (GreetingRegex().IsMatch(m))
            return Intents.Greeting;
        return Intents.Unknown;
    }

    [GeneratedRegex(@"(?:^|(?<=[\s(:]))(?:""(?<name>[^""\n]{2,80})""|«\s*(?<name>[^»\n]{2,80}?)\s*»|“(?<name>[^”\n]{2,80})”|'(?<name>[^\n]{2,80}?)'(?=\s|$|[,.;:!?]))", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"^(?i:note|remarque|memo)\s+(?i:sur|pour|about|on|for|de)\s+(?<subject>[^:\n]{2,80}?)\s*:\s*(?<text>.+)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex NoteRegex();

    [GeneratedRegex(@"\b(?:plans?|echeanciers?|mensualites?|echeances?\s+de\s+plan|acompte|deposit|premier\s+paiement|first\s+payment|instal+ments?)\b.*\b(?:maximum|max|minimum|minimale?|au\s+plus|au\s+moins|at\s+most|at\s+least|sous|within|limite|limit)\b|\b(?:maximum|max|minimum|minimale?)\b.*\b(?:plans?|echeanciers?|mensualites?|instal+ments?)\b|\b(?:acompte|deposit)\s+(?:de\s+|of\s+)?\d{1,2}\s?%", RegexOptions.CultureInvariant)]
    private static partial Regex PlanPolicyRegex();

    [GeneratedRegex(@"\b(?:annule[rz]?|arrete[rz]?|stoppe[rz]?|cancel|end|stop)\s+(?:le\s+|the\s+|son\s+)?(?:plan|echeancier|payment\s+plan)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CancelPlanRegex();

    [GeneratedRegex(@"\b(?:maintiens?|maintenir|garde[rz]?|keep|continue[rz]?)\s+(?:le\s+|the\s+|son\s+)?(?:plan|echeancier|payment\s+plan)\b", RegexOptions.CultureInvariant)]
    private static partial Regex KeepPlanRegex();

    [GeneratedRegex(@"\b(?:ou\s+en\s+est|statut|status|etat|suivi|point\s+sur)\b.*\b(?:plan|echeancier)\b|\b(?:plan|echeancier)\b.*\b(?:ou\s+en\s+est|statut|status|suivi)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PlanStatusRegex();

    [GeneratedRegex(@"(?<n>\d{1,2})\s*mois|(?<n>\d{1,2})\s*months?", RegexOptions.CultureInvariant)]
    private static partial Regex MonthsRegex();

    [GeneratedRegex(@"(?<n>\d{1,2})\s*(?:jours?|j\b|days?)", RegexOptions.CultureInvariant)]
    private static partial Regex DaysRegex();

    [GeneratedRegex(@"\b(?:(?:mets?\s+en\s+)?pause|suspend\w*|arrete\w*|stoppe\w*|gele\w*)\s+(?:toutes\s+)?(?:les\s+|mes\s+)?(?:relances?|reminders?)\b|\bpause\s+(?:all\s+)?(?:the\s+)?reminders\b|\b(?:relances?|reminders?)\s+en\s+pause\b", RegexOptions.CultureInvariant)]
    private static partial Regex PauseRegex();

    [GeneratedRegex(@"^\W*(?:reprends?|reprenez|reprise|resume|restart|unpause|reactive\w*)\b(?:\s+(?:les\s+)?(?:relances?|reminders?|tout|everything|all))?\W*$", RegexOptions.CultureInvariant)]
    private static partial Regex ResumeRegex();

    [GeneratedRegex(@"\b(?:silence|ne\s+me\s+derange\s+(?:pas|plus)|do\s+not\s+disturb|mute|quiet|tais[- ]toi|plus\s+de\s+notifications?|no\s+notifications?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SilenceRegex();

    [GeneratedRegex(@"\b(?:digest|point\s+du\s+matin|resume\s+du\s+matin|recap\w*|briefing|morning\s+(?:summary|digest))\b", RegexOptions.CultureInvariant)]
    private static partial Regex DigestRegex();

    [GeneratedRegex(@"\b(?:pas\s+de|plus\s+de|sans|no|skip|never|jamais)\b.*\b(?:digest|point|recap\w*|briefing|summary)\b|\b(?:digest|point|recap)\b.*\b(?:off|non)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NoDigestRegex();

    [GeneratedRegex(@"(?<!\d)(?<h>\d{1,3})\s*(?:h(?:eures?)?\b|h\d{2}|:\d{2}|\s?(?:am|o'?clock)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex HourRegex();

    [GeneratedRegex(@"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayWordRegex();

    [GeneratedRegex(@"\b(?:jusqu'a\s+nouvel\s+ordre|until\s+further\s+notice|indefini\w*|indefinitely|pour\s+toujours|for\s+good)\b", RegexOptions.CultureInvariant)]
    private static partial Regex IndefiniteRegex();

    [GeneratedRegex(@"(?i)\b(?:fuseau(?:\s+horaire)?|time\s*zone|timezone|heure\s+de)\b\s*(?:(?:est|is|en|a|à|to|sur)\b|:|=)?\s*(?<tz>[^\n,;]{2,40})", RegexOptions.CultureInvariant)]
    private static partial Regex TimeZoneRegex();

    [GeneratedRegex(@"[^\s@]*@+[^\s@]*", RegexOptions.CultureInvariant)]
    private static partial Regex LooseEmailRegex();

    [GeneratedRegex(@"\bhttps?://[^\s<>""]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlRegex();

    [GeneratedRegex(@"\b[a-z]{2}\d{2}(?:\s?[a-z0-9]{4}){2,7}(?:\s?[a-z0-9]{1,4})?\b", RegexOptions.CultureInvariant)]
    private static partial Regex IbanRegex();

    [GeneratedRegex(@"(?<n>\d{1,2}(?:[.,]\d{1,2})?)\s?(?:%|pour\s?cent|percent)", RegexOptions.CultureInvariant)]
    private static partial Regex RateRegex();

    [GeneratedRegex(@"(?i)(?:mon\s+entreprise\s+s['’ ]?\s?appelle|ma\s+soci[eé]t[eé]\s+s['’ ]?\s?appelle|nom\s+(?:de\s+(?:mon\s+|l')?entreprise|commercial)\s*(?:est|:)|my\s+(?:business|company)\s+(?:is\s+called|name\s+is)|business\s+name\s*(?:is|:))\s*(?<name>[^\n]{2,80})", RegexOptions.CultureInvariant)]
    private static partial Regex BusinessNameRegex();

    [GeneratedRegex(@"\b(?:lien\s+de\s+paiement|payment\s+link|lien\s+pour\s+payer|pay\s+link)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PaymentLinkWordRegex();

    [GeneratedRegex(@"\b(?:taux|rate|penalites?|penalty|interets?|interest)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RateWordRegex();

    [GeneratedRegex(@"\b(?:envoi\s+automatique|envoie\s+automatiquement|envoyer\s+automatiquement|auto[- ]?send|send\s+automatically|automatic\s+sending)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AutoSendRegex();

    [GeneratedRegex(@"\b(?:desactive\w*|arrete\w*|coupe\w*|plus\s+d'envoi|pas\s+d'envoi|off|disable\w*|stop\w*|turn\s+off|no\s+more)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OffRegex();

    [GeneratedRegex(@"\b(?:historique|history|journal|audit)\b.*\b(?:relances?|reminders?|envois?)\b|\b(?:relances?|reminders?)\s+(?:envoyees|sent)\b|\b(?:reminders?|relances?)\s+(?:history|historique)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HistoryRegex();

    [GeneratedRegex(@"\b(?:litige|contestation|dispute)\b.*\b(?:resolu|regle|termine|clos|fini|leve|resolved|settled|closed|over)e?s?\b|\b(?:resous|resoudre|resolve|close|leve[rz]?)\s+(?:le\s+|the\s+)?(?:litige|dispute|contestation)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ResolveDisputeRegex();

    [GeneratedRegex(@"\b(?:est|is)\s+(?:un\s+|une\s+|a\s+)?(?:(?<good>bon(?:ne)?\s+payeu(?:r|se)|good\s+payer)|(?<bad>mauvais(?:e)?\s+payeu(?:r|se)|bad\s+payer|late\s+payer)|(?<normal>payeur\s+normal|normal\s+payer))\b|\b(?:plan|regime|profil)\s+(?:(?<good>bon\s+payeur|doux|gentle)|(?<bad>mauvais\s+payeur|strict)|(?<normal>standard|normal))\b", RegexOptions.CultureInvariant)]
    private static partial Regex PlanStatementRegex();

    [GeneratedRegex(@"\b(?:dernier\s+avis|derniere\s+relance\s+avant|final\s+notice|last\s+notice|avant\s+(?:action\s+en\s+justice|poursuites))\b", RegexOptions.CultureInvariant)]
    private static partial Regex FinalNoticeRegex();

    [GeneratedRegex(@"\b(?:mise\s+en\s+demeure|mettre\s+en\s+demeure|med|formal\s+notice|letter\s+before\s+action|demand\s+letter)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FormalNoticeRegex();

    [GeneratedRegex(@"\b(?:relance\s+ferme|ferme|firm(?:er)?\s+(?:reminder|follow[- ]?up|email|message|letter)|second\s+reminder|deuxieme\s+relance)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FirmRegex();

    [GeneratedRegex(@"\b(?:relance\s+amicale|amicale|friendly\s+reminder|premiere\s+relance|first\s+reminder)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FriendlyRegex();

    [GeneratedRegex(@"\b(?:rappel\s+courtois|courtois|courtesy|heads[- ]up|avant\s+echeance)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CourtesyRegex();

    [GeneratedRegex(@"[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"(?<![\d.,])\d{3} ?\d{3} ?\d{3} ?\d{5}(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex SiretRegex();

    [GeneratedRegex(@"(?<![\d.,\-/])\d{3} ?\d{3} ?\d{3}(?!\d|[.,]\d|\s?(?:€|\$|£|eur|euro|usd|dollar|k\b))", RegexOptions.CultureInvariant)]
    private static partial Regex SirenRegex();

    [GeneratedRegex(@"(?:\bn\s?°|\bnº|\bno\.|\bnum(?:ero)?\.?(?=\s)|\bnumber(?=\s)|#)\s*(?<num>[a-z0-9][a-z0-9/_.-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex MarkedNumberRegex();

    [GeneratedRegex(@"(?<![\w-])(?<num>[a-z]{1,6}[-_/]?\d[a-z0-9/_-]*)(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedNumberRegex();

    [GeneratedRegex(@"\b(?:factur\w*|invoice|fact)\s+(?<num>\d{3,}[-/_]\d+(?:[-/_][a-z0-9]+)*)", RegexOptions.CultureInvariant)]
    private static partial Regex BareNumberAfterInvoiceRegex();

    /// <summary>"2026-101", "2026/0042": a year and a sequence of three digits or more is an invoice number, never a date.</summary>
    [GeneratedRegex(@"(?<![\w/.-])(?<num>20\d{2}[-/]\d{3,6})(?![\w/.-])", RegexOptions.CultureInvariant)]
    private static partial Regex YearSequenceNumberRegex();

    [GeneratedRegex(@"^\d{4}-\d{1,2}-\d{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateRegex();

    /// <summary>
    /// An invoice's own date: after « du », « émise le », « dated »…, or an unmarked date followed by payment terms
    /// (« le 12/11/26 à 30j »: the terms count from that date, so it is the issue date, not the due date).
    /// </summary>
    private static bool IsIssueDate(string folded, Dates.Match d)
    {
        var prefix = folded[Math.Max(0, d.Index - 24)..d.Index];
        if (IssueMarkerRegex().IsMatch(prefix))
            return true;
        return !d.Weekday && !DueMarkerRegex().IsMatch(prefix) && TermsAfterRegex().IsMatch(folded[(d.Index + d.Length)..]);
    }

    /// <summary>Payment terms counted from an invoice date: « à 30j », « 45j FDM », « net 30 », « à réception ».</summary>
    [GeneratedRegex(@"\b(?:a\s+\d{1,3}\s*(?:j|jours?)\b|\d{1,3}\s*(?:j|jours?|days?)\s+(?:fin\s+de\s+mois|fdm|net|eom|end\s+of\s+month)|net\s*\d{1,3}\b|(?:payable\s+)?a\s+(?:la\s+)?reception|(?:due\s+)?(?:up)?on\s+receipt)", RegexOptions.CultureInvariant)]
    private static partial Regex TermsRegex();

    [GeneratedRegex(@"^\s*,?\s*(?:payable\s+|paiement\s+|payment\s+|due\s+)?(?:a\s+\d{1,3}\s*(?:j|jours?)\b|\d{1,3}\s*(?:j|jours?|days?)\s+(?:fin\s+de\s+mois|fdm|net|eom|end\s+of\s+month)|net\s*\d{1,3}\b|a\s+(?:la\s+)?reception|(?:up)?on\s+receipt|comptant)", RegexOptions.CultureInvariant)]
    private static partial Regex TermsAfterRegex();

    /// <summary>An issue-date marker followed by a date's first character: only then are dates read twice (terms count from it).</summary>
    [GeneratedRegex(@"\b(?:du|emise?(?:\s+le)?|datee?(?:\s+du)?|dated|issued(?:\s+on)?|en\s+date\s+du)\s+(?:le\s+)?(?:\d|premier|1er|jan|fe|mar|av|ap|mai|may|ju|ao|au|se|oc|no|de)", RegexOptions.CultureInvariant)]
    private static partial Regex IssueHintRegex();

    [GeneratedRegex(@"(?:\bdu|\bemise?\s+le|\bdatee?\s+du|\bdated|\bissued(?:\s+on)?|\ben\s+date\s+du|\bdate\s+de\s+facture\s*:?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex IssueMarkerRegex();

    [GeneratedRegex(@"(?:echeance|echeant|\bdue|pour\s+le|avant\s+le|payable|au\s+plus\s+tard|d'ici\s+le|\bby|\bbefore|\bterm|a\s+regler|a\s+payer)\s*(?:le|au|on|:|the)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DueMarkerRegex();

    [GeneratedRegex(@"\b(?:en|in)\s+(?<n>\d{1,2}|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*(?:fois|x\b|versements?|mensualites?|echeances|paiements|tranches?|instal+ments?|payments|parts|monthly\s+payments)", RegexOptions.CultureInvariant)]
    private static partial Regex InstalmentsRegex();

    [GeneratedRegex(@"\b(?<n>\d{1,2}|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*(?:mensualites|versements|instal+ments|monthly\s+payments|tranches|echeances\s+mensuelles|paiements\s+mensuels)\b", RegexOptions.CultureInvariant)]
    private static partial Regex InstalmentsCountRegex();

    [GeneratedRegex(@"\b(?:sur|over|etale\s+sur|spread\s+over)\s+(?<n>\d{1,2}|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*(?:mois|months)\b", RegexOptions.CultureInvariant)]
    private static partial Regex InstalmentsOverRegex();

    [GeneratedRegex(@"\b(?:payer|paiement|pay|payment)\s+(?:en\s+)?(?<n>\d{1,2})\s?x\b", RegexOptions.CultureInvariant)]
    private static partial Regex InstalmentsTimesRegex();

    [GeneratedRegex(@"^\s*(?:jours?\b|j\b|days?\b|semaines?\b|weeks?\b|mois\b|months?\b|ans?\b|years?\b|fois\b|times\b|%|h\b|heures?\b|hours?\b|x\b|clients?\b|factures?\b|invoices?\b|eme\b|er\b|th\b|st\b|nd\b|rd\b|relances?\b|personnes?\b|salaries\b)", RegexOptions.CultureInvariant)]
    private static partial Regex UnitAfterRegex();

    [GeneratedRegex(@"^\s*(?:/\s*mois\b|par\s+mois\b|mensuel\w*|chaque\s+mois\b|tous\s+les\s+mois\b|a\s+month\b|per\s+month\b|/\s*month\b|monthly\b|each\s+month\b|every\s+month\b|/\s?m\b|pm\b)", RegexOptions.CultureInvariant)]
    private static partial Regex MonthlyAfterRegex();

    [GeneratedRegex(@"(?:mensualites?|monthly(?:\s+payments?|\s+instal+ments?)?|par\s+mois|versements?\s+mensuels?)\s*(?:de|of|:)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthlyBeforeRegex();

    [GeneratedRegex(@"(?:€|\$|£|\beuros?\b|\bdollars?\b|\busd\b|\bgbp\b|\beur\b)", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyWordRegex();

    [GeneratedRegex(@"\b(?:est\s+(?:un|une)\s+(?<ind>particulier|particuliere|personne\s+physique)|is\s+an?\s+(?<ind>individual|private\s+person|consumer)|est\s+une\s+(?:societe|entreprise)|is\s+a\s+(?:company|business))\b", RegexOptions.CultureInvariant)]
    private static partial Regex KindRegex();

    [GeneratedRegex(@"^\W*(?:annule[rz]?|annulation|cancel|stop|laisse\s+tomber|abandonne[rz]?|oublie|forget\s+it|never\s*mind|nevermind|quit(?:ter)?|abort|non\s+merci|no\s+thanks)\W*(?:ca|cela|tout|this|that|it|la\s+saisie)?\W*$", RegexOptions.CultureInvariant)]
    private static partial Regex CancelRegex();

    [GeneratedRegex(@"\b(?:brouillons?|drafts\b|(?:show|list|see|my|the|pending)\s+(?:the\s+|my\s+)?drafts?|relances?\s+(?:en\s+attente|a\s+valider|a\s+approuver|pretes?|preparees?)|(?:en\s+attente|a\s+valider)\s+de\s+(?:validation|ma\s+validation|approbation)|pending\s+(?:reminders?|drafts?|approvals?)|reminders?\s+(?:waiting|pending|to\s+approve)|waiting\s+for\s+(?:my\s+)?approval|qu'est-ce\s+qui\s+attend|a\s+valider|to\s+approve)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ListDraftsRegex();

    [GeneratedRegex(@"\b(?:(?:l'|le\s+)?e-?mail\s+(?:de|du|d'|pour)|(?:e-?mail|address)\s+(?:of|for)|adresse\s+(?:e-?mail|mail)\s+(?:de|du)|(?:le\s+)?siren\s+(?:de|du|of|for)|est\s+(?:un|une)\s+(?:particulier|particuliere|personne\s+physique|societe|entreprise)|is\s+an?\s+(?:individual|company|business|private\s+person|consumer)|set\s+(?:the\s+)?(?:e-?mail|siren|kind))\b", RegexOptions.CultureInvariant)]
    private static partial Regex SetClientRegex();

    [GeneratedRegex(@"\b(?:promet\w*|promis|s'engage\w*|promesse|promise[sd]?|will\s+pay|doi[tv]\w*\s+(?:me\s+)?(?:payer|regler|virer|verser)|devrai\w*\s+(?:me\s+)?(?:payer|regler)|should\s+pay|(?:is|are)\s+going\s+to\s+pay|(?:he|she|they)'ll\s+pay|va\s+(?:me\s+)?payer|vont\s+(?:me\s+)?payer|paiera|payera|compte\s+payer|committed\s+to\s+pay)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PromiseRegex();

    [GeneratedRegex(@"\b(?:echeancier|plan\s+de\s+(?:paiement|remboursement|reglement)|paiements?\s+echelonnes?|echelonn\w*|etaler|etalement|en\s+plusieurs\s+fois|plusieurs\s+versements|payer\s+en|paye[rz]?\s+par\s+mois|par\s+mois|mensualites?|payment\s+plan|instal+ments?|instal+ment\s+plan|spread\s+(?:the\s+)?payments?|a\s+month|per\s+month|monthly\s+payments?|pay\s+in|in\s+parts)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PlanRegex();

    [GeneratedRegex(@"\b(?:contest\w*|litige|desaccord|refuse\s+de\s+payer|reclam\w*|dispute[sd]?|disputing|disagree\w*|challenges?\s+the\s+invoice|n'est\s+pas\s+d'accord|pas\s+d'accord)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DisputeRegex();

    [GeneratedRegex(@"\b(?:relanc\w*|relane\w*|rappel\w*|mise\s+en\s+demeure|dernier\s+avis|mettre\s+en\s+demeure|med\b|redige\w*|rediger|ecri[st]\w*\s+(?:a|une\s+lettre)|lettre\s+de\s+relance|remind\w*|chase\w*|chasing|follow[- ]?up|dunning|nudge|formal\s+notice|final\s+notice|demand\s+letter|draft\s+(?:a\s+)?(?:reminder|letter|notice|email)|write\s+(?:to|a\s+letter))\b", RegexOptions.CultureInvariant)]
    private static partial Regex StrongReminderRegex();

    [GeneratedRegex(@"\b(?:penalit\w*|interets?(?:\s+de\s+retard|\s+moratoires)?|indemnit\w*|frais\s+de\s+(?:recouvrement|retard)|40\s?(?:€|eur|euros)|late\s+(?:fees?|charges?|interest|payment\s+(?:fees?|interest))|penalt\w*|interest|majoration\w*|compensation\s+fee)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LateFeesRegex();

    [GeneratedRegex(@"\b(?:relance\w*|reminder\w*)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReminderRegex();

    [GeneratedRegex(@"\b(?:surveill\w*|watch\w*|monitor\w*|keep\s+an\s+eye|garde\s+un\s+oeil|alerte[- ]moi)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WatchRegex();

    [GeneratedRegex(@"\b(?:fiable\w*|fiabilite|reputation|solvab\w*|serieu[xs]e?|credible|risque\w*|risky|paie(?:-t-il|-t-elle|nt)?\s+bien|bon\s+payeur|mauvais\s+payeur|verifi\w*|check\w*|reliab\w*|trustworth\w*|trust|creditworth\w*|credit\s*(?:check|report|score)|background|bodacc|procedures?\s+collectives?|liquidation|redressement|insolvab\w*|faillite|bankrupt\w*|good\s+payer|bad\s+payer|renseigne\w*|infos?\s+sur|enquete|prospect|siren|siret)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReputationRegex();

    /// <summary>« qui est X ? », « who is X? », « tu connais X ? »: about a company, not about who owes what.</summary>
    [GeneratedRegex(@"^\W*(?:qui\s+est|c'est\s+qui|who\s+is|who's|tu\s+connais|vous\s+connaissez|do\s+you\s+know|que\s+sais[- ]tu\s+(?:de|sur|d'))\s+(?!.*\b(?:retard|late|overdue|plus|most|doit|owes?|pire|worst|biggest|litige|dispute|impaye\w*|unpaid|relancer?|chase|paye|paid)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex WhoIsRegex();

    [GeneratedRegex(@"\b(?:releve\s+de\s+compte|releve\s+(?:pour|de|du|client)|statement\s+of\s+account|account\s+statement|statement\s+(?:for|of)|^\W*releve\b)", RegexOptions.CultureInvariant)]
    private static partial Regex StatementRegex();

    /// <summary>The court route: « dossier d'injonction de payer », « que faire maintenant pour X », « take X to court ».</summary>
    [GeneratedRegex(@"\b(?:injonctions?\s+de\s+payer|dossier\s+(?:de\s+|d')?(?:recouvrement|contentieux|tribunal|justice|procedure)|petites?\s+creances?|commissaire\s+de\s+justice|huissier|(?:saisir|saisine\s+du?|aller\s+au)\s+(?:le\s+)?(?:tribunal|juge)|que\s+(?:faire|puis-je\s+faire|dois-je\s+faire|faut-il\s+faire)\s+(?:maintenant\s+|de\s+plus\s+|ensuite\s+|a\s+present\s+)?(?:pour|avec|contre|face\s+a)\b|quels?\s+recours|prochaine\s+etape\s+(?:pour|avec|contre)|payment\s+order|court\s+(?:file|case|claim)|small\s+claims?|take\s+.+\s+to\s+court|escalate|what\s+(?:now|next)\s+(?:for|with|about)|what\s+(?:should|can|do)\s+i\s+do\s+(?:now\s+)?(?:about|with|for)|next\s+step\s+(?:for|with|against))", RegexOptions.CultureInvariant)]
    private static partial Regex EscalateRegex();

    /// <summary>« mon adresse est … », « our address: … », « l'adresse de Dupont SARL est … », « Acme's address is … ».</summary>
    [GeneratedRegex(@"^\W*(?:(?<mine>(?:mon|notre|my|our)\s+(?:adresse(?:\s+postale)?|address|siege(?:\s+social)?|registered\s+office))|(?:l'|the\s+)?(?:adresse|address)\s+(?:postale\s+)?(?:de\s+|du\s+|d'|of\s+)(?<client>.+?)|(?<client>.+?)'s\s+(?:postal\s+)?address)\s*(?:est|:|is|=|se\s+trouve)\s*(?:au\s+|at\s+)?(?<addr>\S.{4,})$", RegexOptions.CultureInvariant)]
    private static partial Regex AddressRegex();

    /// <summary>« mets ma comptable en copie », « en copie cachée », « cc compta@… », « bcc », « copy my accountant ».</summary>
    [GeneratedRegex(@"\b(?:en\s+copie(?<hidden>\s+cachee)?|copie\s+(?<hidden>cachee)|(?<hidden>cci|bcc)|cc|in\s+copy|(?<hidden>blind\s+copy|blind\s+carbon\s+copy)|copy\s+(?:in|to)|copy\s+my)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CopyRegex();

    [GeneratedRegex(@"\b(?:plus\s+de\s+copie|(?:enleve|retire|supprime|arrete)\w*\s+(?:la\s+)?copie|no\s+(?:more\s+)?cop(?:y|ies)|stop\s+(?:the\s+)?cop(?:y|ies)|remove\s+(?:the\s+)?copy)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CopyOffRegex();

    [GeneratedRegex(@"\b(?:mon|notre|my|our)\s+(?:n°\s*|numero\s+|number\s+)?(?:siren|siret)\b|\b(?:siren|siret)\s+de\s+(?:mon|notre)\s+(?:entreprise|societe)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerSirenRegex();

    [GeneratedRegex(@"\b(?:ma|notre|my|our)\s+(?:forme\s+juridique|legal\s+form|statut\s+juridique)\s*(?:est|:|is)?\s*(?:une?\s+|an?\s+)?(?<form>[a-z.]{2,12})\b", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerLegalFormRegex();

    [GeneratedRegex(@"(?:\b(?:a|m'a|ont|m'ont|as|avons|j'ai|on\s+m'a|est|sont|a\s+ete|ete)\s+(?:bien\s+)?(?:paye\w*|regle\w*|vire\w*|verse\w*|solde\w*|encaisse\w*|recu\w*)|\bvient\s+de\s+(?:me\s+)?(?:payer|regler|virer|verser|solder)\b|\b(?:got|received)\b[^a-z]{0,40}\bfrom\b|\b(?:paye[es]?|reglee?s?|soldee?s?|encaisse\w*|reglement|virement|versement|paiement\s+(?:recu|de|du|partiel)|acompte|cheque|payment\s+(?:received|from|of)|paid|has\s+paid|got\s+paid|received|settled|cleared|wire|transfer|partial\s+payment|recue?s?|j'ai\s+recu|encaisser|payer?\s+(?:la\s+)?totalite)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex PaymentRegex();

    [GeneratedRegex(@"\b(?:n'a\s+(?:toujours\s+)?pas\s+(?:encore\s+)?(?:paye|regle)|n'ont\s+pas\s+(?:paye|regle)|pas\s+(?:encore\s+)?(?:paye|regle)e?s?|non\s+(?:payee?s?|reglee?s?)|impaye\w*|hasn'?t\s+paid|has\s+not\s+paid|haven'?t\s+paid|not\s+(?:yet\s+)?paid|unpaid|still\s+owes?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NotPaidRegex();

    [GeneratedRegex(@"\b(?:factur\w*|factuer|fature|facure|fatcure|invoic\w*|invoce|bill(?:ed)?|note\s+d'honoraires|facturette)\b", RegexOptions.CultureInvariant)]
    private static partial Regex InvoiceWordRegex();

    [GeneratedRegex(@"\b(?:ajoute\w*|nouvelle|nouveau|new|cree[rz]?|creation|enregistre\w*|saisi\w*|note[rz]?|log\w*|add\w*|record|emis\w*|envoye\w*|sent|issued|j'ai\s+factur\w*|factur(?:e|er|ez)\b|invoiced|billed|fait\s+une\s+facture)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LogVerbRegex();

    [GeneratedRegex(@"\b(?:echeances?\s+(?:a\s+venir|proches?|de\s+la\s+semaine|cette\s+semaine|du\s+mois|prochaines?|de\s+demain|du\s+jour|d'aujourd'hui)|prochaines?\s+echeances?|(?:quelles?|mes|les)\s+echeances|a\s+venir|arrive(?:nt)?\s+a\s+echeance|(?:qui|quoi|qu'est-ce\s+qui)\s+(?:arrive|tombe|est\s+du)|tombe(?:nt)?\s+(?:bientot|cette\s+semaine)|cette\s+semaine|prochains\s+jours|bientot|due\s+soon|coming\s+up|upcoming|due\s+(?:this|next)\s+(?:week|month)|due\s+today|due\s+tomorrow|what'?s\s+due|what\s+is\s+due|falls?\s+due|echeances?$|doit\s+(?:tomber|arriver))\b", RegexOptions.CultureInvariant)]
    private static partial Regex DueSoonRegex();

    [GeneratedRegex(@"\b(?:ou\s+en\s+est|ou\s+on\s+en\s+est|situation|statut|status|etat\s+(?:de|du|des)|point\s+sur|fiche|compte\s+(?:de|du)|combien\s+(?:me\s+)?doit|me\s+doit\s+combien|doit\s+encore|what\s+does\s+\S+.*\s+owe|how\s+much\s+does|how\s+much\s+(?:is\s+)?owed\s+by|balance\s+(?:of|for)|solde\s+(?:de|du)|details?\s+(?:de|du|for|on)|show\s+me|montre[- ]moi|affiche|resume\s+(?:de|du)|summary\s+(?:of|for)|account\s+(?:of|for)|historique|history)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ClientStatusRegex();

    [GeneratedRegex(@"\b(?:qui\s+(?:me\s+)?doi[st]|qui\s+doivent|qui\s+ne\s+m'a\s+pas|on\s+me\s+doit|me\s+doit|me\s+doivent|ce\s+qu'on\s+me\s+doit|mes\s+(?:clients\s+)?(?:debiteurs|creances|impayes)|creances?|encours|en\s+retard|retards?|balance\s+agee|who\s+owes|owes\s+me|owe\s+me|outstanding|unpaid|overdue|receivables?|aging|ageing|late\s+payers?|what\s+am\s+i\s+owed|how\s+much\s+(?:am\s+i|is|are\s+we)\s+owed|am\s+i\s+owed|money\s+owed|a\s+recouvrer|total\s+du|reste\s+a\s+encaisser|to\s+collect)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WhoOwesRegex();

    [GeneratedRegex(@"^\W*(?:\?+|aide|help|menu|commandes?|commands?|start|/start|/help|/aide)\W*$|\b(?:aide[- ]moi|j'ai\s+besoin\s+d'aide|comment\s+(?:ca|tu)\s+(?:marche|fonctionne)s?|que\s+(?:sais|peux)[- ]tu\s+faire|qu'est-ce\s+que\s+tu\s+(?:sais|peux)\s+faire|tu\s+sers?\s+a\s+quoi|what\s+can\s+you\s+do|how\s+does\s+(?:this|it)\s+work|how\s+do\s+i|mode\s+d'emploi|help\s+me|besoin\s+d'aide|help)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HelpRegex();

    [GeneratedRegex(@"^\W*(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|yo|bjr|slt|good\s+(?:morning|afternoon|evening)|hola|re|merci|thanks|thank\s+you|ok|ca\s+va)\b", RegexOptions.CultureInvariant)]
    private static partial Regex GreetingRegex();

    [GeneratedRegex(@"^\W*(?:(?:mon\s+)?taux\s+(?:de\s+penalites?\s+)?(?:=\s*|:\s*)?(?:legal|par\s+defaut)|(?:taux\s+)?bce\s*\+\s*10(?:\s*points?)?|(?:use\s+the\s+)?(?:legal|default)\s+rate|ecb\s*\+\s*10(?:\s*points?)?)\W*$", RegexOptions.CultureInvariant)]
    private static partial Regex DefaultRateRegex();

    private static string LanguageCode(string word) => word.StartsWith("fr", StringComparison.Ordinal) ? "fr" : "en";

    [GeneratedRegex(@"\b(?:parle[sz]?[- ]moi|reponds?[- ]moi|ecris[- ]moi|adresse[- ]toi\s+a\s+moi|speak\s+to\s+me|talk\s+to\s+me|reply\s+to\s+me|answer\s+me)\s+(?:en|in)\s+(?<l>anglais|francais|english|french)\b|\b(?:speak|use)\s+(?<l>english|french)(?:\s+(?:to|with)\s+me)?\s*(?:please)?\s*$|^\W*(?:en|in)\s+(?<l>anglais|francais|english|french)\s+(?:svp|stp|s'il\s+te\s+plait|s'il\s+vous\s+plait|please)\W*$", RegexOptions.CultureInvariant)]
    private static partial Regex ChatLanguageRegex();

    [GeneratedRegex(@"\b(?:parle(?:nt)?|speaks?|est|is)\s+(?<l>anglais|francais|english|french)\b|\b(?:est|is)\s+(?<l>anglophone|francophone)\b|\b(?:ecri[st]\w*|relance\w*|write|email)\s+(?:lui\s+|leur\s+|to\s+\S+(?:\s+\S+){0,3}\s+)?(?:en|in)\s+(?<l>anglais|francais|english|french)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ClientLanguageRegex();

    /// <summary>Question, reported speech, negation or condition; an assertion otherwise.</summary>
    internal static Mood MoodOf(string folded, string masked)
    {
        if (ConditionRegex().IsMatch(folded))
            return Mood.Conditional;
        if (ReportedRegex().IsMatch(masked))
            return Mood.Reported;
        if (NotPaidRegex().IsMatch(masked) || NegationRegex().IsMatch(masked))
            return Mood.Negated;
        if (folded.TrimEnd().EndsWith('?') || QuestionOpenerRegex().IsMatch(folded) || InvertedQuestionRegex().IsMatch(folded))
            return Mood.Question;
        return Mood.Assertion;
    }

    private static string? TargetOf(string folded, bool hasNumber) =>
        PaymentTargetRegex().IsMatch(folded) ? "payment"
        : hasNumber || InvoiceWordRegex().IsMatch(folded) ? "invoice"
        : null;

    [GeneratedRegex(@"\b(?:historique|history|liste|list)\s+(?:des\s+|de\s+|of\s+)?(?:paiements?|reglements?|payments?)\b|\bpayment\s+history\b|\b(?:paiements?|payments?)\s+(?:recus\s+)?(?:de|du|from|of)\b.*\b(?:historique|history)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PaymentHistoryRegex();

    [GeneratedRegex(@"\bdue\s+(?:today|\x01)|\b(?:echeance|echoit|echoient|echeant)\s+(?:aujourd'hui|\x01)", RegexOptions.CultureInvariant)]
    private static partial Regex DueTodayRegex();

    [GeneratedRegex(@"\b(?:a|à)\s+(?:payer|regler)\s+(?=le\b|avant\b|au\s+plus\s+tard|d'ici|sous\b|pour\s+le|fin\b|dans\b|\x01)|\bpayable\s+(?=le\b|avant\b|au\b|\x01|a\b|sous\b|fin\b)", RegexOptions.CultureInvariant)]
    private static partial Regex DueVerbRegex();

    [GeneratedRegex(@"^\W*(?:si|s'il|s'ils|s'elle|if|au\s+cas\s+ou|in\s+case|unless|a\s+condition|provided|suppose|imagine|quand|lorsque|when|once|des\s+que|as\s+soon\s+as)\b|\b(?:si|if|when|quand|lorsque)\s+(?:\S+\s+){0,4}?(?:paie\w*|paye\w*|pays|paid|regle\w*|vire\w*|verse\w*|rembourse\w*)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionRegex();

    [GeneratedRegex(@"\b(?:dit|disent|dise|m'a\s+dit|m'ecrit|ecrit\s+que|pretend\w*|affirme\w*|assure\w*|soutien\w*|jure\w*|annonce\w*\s+qu|d'apres\s+(?:lui|elle|eux)|selon\s+(?:lui|elle|eux|[a-z]+)|says?|said|claims?|claimed|tells?\s+me|told\s+me|according\s+to|insists?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReportedRegex();

    [GeneratedRegex(@"\bn'(?:a|ai|ont|avons|avez)\s+(?:rien|jamais|toujours\s+rien|pas)\b|\bpas\s+(?:encore\s+)?(?:recu|encaisse|touche|vu|eu)\b|\bne\s+\S+\s+pas\b|\brien\s+(?:recu|vu|encaisse)\b|\b(?:didn'?t|did\s+not|never|haven'?t|hasn'?t|has\s+not|have\s+not|nothing|no\s+payment|no\s+money|not\s+received)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NegationRegex();

    [GeneratedRegex(@"^\W*(?:est[- ]ce\s+qu|est[- ]ce\s+que|did|does|has|have|is|was|were|any|y\s+a[- ]t[- ]il|combien|quand|when|how|what|qu'est[- ]ce)\b", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionOpenerRegex();

    [GeneratedRegex(@"\b\w+-t-(?:il|elle|on|ils|elles)\b|\b(?:a|ont|as|avez)-(?:il|elle|ils|elles|tu|vous)\b", RegexOptions.CultureInvariant)]
    private static partial Regex InvertedQuestionRegex();

    [GeneratedRegex(@"\b(?:pay|pays|paid|paie|paient|paye|payent|regle|reglent|vire|verse|rembourse)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PayVerbRegex();

    [GeneratedRegex(@"\b(?:annule[rz]?|supprime[rz]?|efface[rz]?|retire[rz]?|enleve[rz]?|undo|delete|remove|cancel|reverse|void)\s+(?:(?:le|la|ce|cet|cette|mon|ma|the|that|this|my|last|dernier|derniere)\s+){0,2}(?:paiement|reglement|versement|encaissement|virement|payment|avoir|credit\s+note)\b", RegexOptions.CultureInvariant)]
    private static partial Regex UndoPaymentRegex();

    [GeneratedRegex(@"^\W*(?:annule[rz]?|undo|defais|defaire)\s+(?:(?:ma|la|mon|le|my|the|that|this|ce|cette)\s+)?(?:derniere|dernier|last)\s+(?:saisie|ecriture|operation|entry|action|chose|write)?\W*$|^\W*undo\W*(?:that|it|this)?\W*$|^\W*annule\s+(?:ce\s+que\s+je\s+viens\s+de\s+(?:faire|saisir|dire))\W*$", RegexOptions.CultureInvariant)]
    private static partial Regex UndoLastRegex();

    [GeneratedRegex(@"\b(?:supprime[rz]?|efface[rz]?|annule[rz]?|retire[rz]?|delete|remove|cancel|void|drop)\s+(?:(?:la|le|cette|ma|the|this|my|that|last|derniere)\s+){0,2}(?:facture|invoice)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DeleteInvoiceRegex();

    [GeneratedRegex(@"^\W*(?:oups|oops|erreur|pardon|correction|en\s+fait|actually|sorry|my\s+bad|je\s+me\s+suis\s+trompe\w*)\b|\b(?:corrige\w*|rectifi\w*|modifi\w*|change[rz]?|correct|fix|update|amend)\b|\bc'etait\s+(?:\S+\s+){1,3}(?:pas|et\s+non)\b|\bit\s+was\s+(?:\S+\s+){1,3}not\b|\bn'a\s+paye\s+que\b|\bonly\s+paid\b|\b(?:est|is)\s+(?:pour|for)\s+.+,?\s+(?:pas|not)\s+\S+|\ble\s+numero\s+(?:c'est|est)\b|\bthe\s+number\s+is\b", RegexOptions.CultureInvariant)]
    private static partial Regex CorrectRegex();

    [GeneratedRegex(@"\b(?:pour|for)\s+\S+.*,?\s+(?:pas|not)\s+\S+|\b(?:echeance|due\s+date|montant|amount|numero|number|client)\b|\bn'a\s+paye\s+que\b|\bonly\s+paid\b", RegexOptions.CultureInvariant)]
    private static partial Regex CorrectWhatRegex();

    [GeneratedRegex(@"\b(?:paiement|reglement|versement|encaissement|virement|payment|paye|paid|avoir)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PaymentTargetRegex();

    [GeneratedRegex(@"\b(?:sont\s+(?:le\s+)?meme\s+client|(?:is|are)\s+the\s+same\s+(?:client|customer|company)|fusionne\w*|merge)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MergeRegex();

    [GeneratedRegex(@"\b(?:combien\s+(?:j'ai|ai-je|avons-nous|on\s+a|a-t-on)\s+(?:encaisse|recu|touche|facture|gagne)|(?:montant|total)\s+(?:encaisse|facture|recu)|encaissements?\s+(?:de|du|ce|cette|en|le)|chiffre\s+d'affaires|\bca\s+(?:facture|encaisse|du|de|ce|en)|how\s+much\s+(?:did\s+i|have\s+i|i)\s+(?:receive|collect|get|got|invoice|bill|make|earn)|(?:income|revenue|takings|cash\s+(?:in|collected)|collected|received|invoiced|billed)\s+(?:this|last|in)\b|total\s+(?:received|invoiced|collected))", RegexOptions.CultureInvariant)]
    private static partial Regex IncomeRegex();

    [GeneratedRegex(@"\b(?:(?:liste|list|quelles|mes|les|show|which|all|toutes)\b.{0,20}\bfactures\s+(?:payees|reglees|soldees|encaissees)|factures\s+(?:payees|reglees|soldees)\s*\??$|paid\s+invoices|invoices\s+(?:that\s+(?:were|are)\s+)?(?:paid|settled))\b", RegexOptions.CultureInvariant)]
    private static partial Regex ListPaidRegex();

    [GeneratedRegex(@"^\W*(?:export\w*|exporter)\b|\b(?:export\w*|telecharge\w*|download)\b.*\b(?:csv|excel|factures|invoices|donnees|data|paiements|payments|compta\w*|tout|all)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ExportRegex();

    [GeneratedRegex(@"\b(?:avoir\s+(?:de|d'un|n|sur|pour)|un\s+avoir|l'avoir|faire\s+un\s+avoir|credit\s+note|note\s+de\s+credit|rembourse\w*|refund\w*|geste\s+commercial)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CreditNoteRegex();

    [GeneratedRegex(@"(?:pour|for|est|is|c'est)\s+(?<b>[A-Z0-9][^,;.!?\n]{1,60}?)\s*,?\s+(?:pas|et\s+non(?:\s+pas)?|not|instead\s+of|au\s+lieu\s+de)\s+(?<a>[A-Z0-9][^,;.!?\n]{1,60}?)\s*[.!]?\s*$|^\s*(?<a>[A-Z0-9][^,;.!?\n]{1,60}?)\s+(?:et|and)\s+(?<b>[A-Z0-9][^,;.!?\n]{1,60}?)\s+(?:sont|are)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OtherClientRegex();
}
