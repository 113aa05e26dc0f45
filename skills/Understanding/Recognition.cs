using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Recouvrement.Skills.Understanding;

/// <summary>Entities found in one utterance; null when absent.</summary>
public sealed record Entities
{
    public string? Client { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }

    /// <summary>True when the owner wrote the currency; false when EUR was assumed.</summary>
    public bool CurrencyExplicit { get; init; }
    public DateOnly? DueDate { get; init; }
    public DateOnly? IssueDate { get; init; }

    /// <summary>A date that is not a due date: when a payment was made, the day a debtor promises.</summary>
    public DateOnly? Date { get; init; }
    public string? InvoiceNumber { get; init; }
    public string? Siren { get; init; }
    public string? Siret { get; init; }
    public int? Instalments { get; init; }
    public decimal? MonthlyAmount { get; init; }
    public string? Email { get; init; }

    /// <summary>company or individual, when the owner says so ("est un particulier").</summary>
    public string? Kind { get; init; }

    /// <summary>A ladder step named by the owner ("mise en demeure" -> formal_notice); not printed.</summary>
    public string? Step { get; init; }

    /// <summary>gentle ("bon payeur") or strict ("mauvais payeur"); not printed.</summary>
    public string? Plan { get; init; }

    /// <summary>Owner settings: IBAN, payment link, contractual rate (basis points), business name, auto-send on/off; not printed.</summary>
    public string? Iban { get; init; }
    public string? Url { get; init; }
    public int? RateBp { get; init; }
    public string? BusinessName { get; init; }
    public bool? Toggle { get; init; }

    /// <summary>Scheduler controls: an hour ("digest à 8h"), a weekday ("pas de digest le lundi"), "jusqu'à nouvel ordre", a time zone; not printed.</summary>
    public int? Hour { get; init; }

    /// <summary>A private note about a prospect ("note sur X : …"); not printed.</summary>
    public string? NoteText { get; init; }

    /// <summary>Plan policy: a number of months ("12 mois maximum") or of days ("sous 10 jours"); not printed.</summary>
    public int? Months { get; init; }
    public int? Days { get; init; }
    public DayOfWeek? Weekday { get; init; }
    public bool Indefinite { get; init; }
    public string? TimeZone { get; init; }

    /// <summary>company or individual as the name suggests ("Mme Durand", "Dupont SARL"); not part of the printed contract.</summary>
    public string? KindHint { get; init; }

    /// <summary>The language a client's messages are written in (« X parle anglais »); not printed.</summary>
    public string? ClientLanguage { get; init; }

    /// <summary>« taux légal », « BCE + 10 »: back to the rate the law sets (no contractual rate); not printed.</summary>
    public bool ResetRate { get; init; }

    /// <summary>The owner's chosen chat language (« parle-moi en anglais »); not printed.</summary>
    public string? ChatLanguage { get; init; }

    /// <summary>What an undo or a correction is about: payment, invoice or the last write (null); not printed.</summary>
    public string? Target { get; init; }

    /// <summary>A postal address (« mon adresse est … », « l'adresse de X est … »); not printed.</summary>
    public string? Address { get; init; }

    /// <summary>The owner's legal form (« ma forme juridique est SARL »); not printed.</summary>
    public string? LegalForm { get; init; }

    /// <summary>« mets … en copie »: the e-mail is a copy address, hidden for « copie cachée » / Bcc; off to stop copies; not printed.</summary>
    public bool Copy { get; init; }
    public bool CopyHidden { get; init; }
    public bool CopyOff { get; init; }

    /// <summary>Two client names in one sentence (« la facture est pour Dupond, pas Dupont », a merge); not printed.</summary>
    public string? OtherClient { get; init; }
}

/// <summary>Something the owner wrote that could not be read, reported back in plain words.</summary>
public enum Problem
{
    /// <summary>A date that does not exist, like 31/02.</summary>
    ImpossibleDate,

    /// <summary>Text that the owner evidently meant as money but that does not read as a number.</summary>
    UnreadableAmount,

    /// <summary>Two different amounts, both written as money: asked, never one picked.</summary>
    AmbiguousAmount,

    /// <summary>A weekday and a date that disagree ("mardi 16/12" when the 16th is a Wednesday): asked, never guessed.</summary>
    WeekdayMismatch,
}

/// <summary>How a sentence about a payment or an invoice is meant: only an assertion may write.</summary>
public enum Mood
{
    Assertion,

    /// <summary>« est-ce que X a payé ? », « did X pay? »</summary>
    Question,

    /// <summary>« X dit qu'il a payé », « X says he paid »</summary>
    Reported,

    /// <summary>« X n'a pas payé », « je n'ai rien reçu »</summary>
    Negated,

    /// <summary>« si X paie 3000 », « if X pays »</summary>
    Conditional,
}

public sealed record Recognition(string Intent, Entities Entities, string? Language, IReadOnlyList<Problem> Problems)
{
    /// <summary>Not an assertion: the turn must not write (not part of the printed contract).</summary>
    public Mood Mood { get; init; } = Mood.Assertion;

    /// <summary>The write intent the sentence talked about when its mood turned it into a read (not printed).</summary>
    public string? WithheldIntent { get; init; }

    /// <summary>The problematic text for <see cref="Problem.ImpossibleDate"/>, as the owner wrote it.</summary>
    public string? InvalidDateText { get; init; }

    /// <summary>The contract form: {"intent": "...", "entities": {...}} with absent entities left out.</summary>
    public string ToJson()
    {
        var buffer = new StringBuilder(128);
        using (var writer = new Utf8JsonWriterAdapter(buffer))
        {
            var w = writer.Writer;
            w.WriteStartObject();
            w.WriteString("intent", Intent);
            w.WriteStartObject("entities");
            var e = Entities;
            if (e.Client is not null) w.WriteString("client", e.Client);
            if (e.Amount is { } amount) w.WriteNumber("amount", Trim(amount));
            if (e.Currency is not null) w.WriteString("currency", e.Currency);
            if (e.DueDate is { } due) w.WriteString("due_date", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (e.IssueDate is { } issue) w.WriteString("issue_date", issue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (e.Date is { } date) w.WriteString("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (e.InvoiceNumber is not null) w.WriteString("invoice_number", e.InvoiceNumber);
            if (e.Siren is not null) w.WriteString("siren", e.Siren);
            if (e.Siret is not null) w.WriteString("siret", e.Siret);
            if (e.Instalments is { } n) w.WriteNumber("instalments", n);
            if (e.MonthlyAmount is { } monthly) w.WriteNumber("monthly_amount", Trim(monthly));
            if (e.Email is not null) w.WriteString("email", e.Email);
            if (e.Kind is not null) w.WriteString("kind", e.Kind);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToString();
    }

    // 1200.50m prints as 1200.5: the same number, written the way people read it.
    private static decimal Trim(decimal value) => value / 1.0000000000000000000000000000m;

    private sealed class Utf8JsonWriterAdapter : IDisposable
    {
        private static readonly JsonWriterOptions Options = new()
        {
            // Owners' names stay readable ("Société Générale", "Pixel & Co"); JSON stays valid.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        private readonly StringBuilder _target;
        private readonly MemoryStream _stream = new();

        public Utf8JsonWriterAdapter(StringBuilder target)
        {
            _target = target;
            Writer = new Utf8JsonWriter(_stream, Options);
        }

        public Utf8JsonWriter Writer { get; }

        public void Dispose()
        {
            Writer.Flush();
            _target.Append(Encoding.UTF8.GetString(_stream.GetBuffer(), 0, (int)_stream.Length));
            Writer.Dispose();
            _stream.Dispose();
        }
    }
}
