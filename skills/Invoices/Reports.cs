using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Invoices;

/// <summary>What came in and what was billed over a period, the paid invoices, and a CSV export. Read-only.</summary>
public static partial class Reports
{
    /// <summary>The period a sentence names: this month by default; last month, a named month, this week, this year.</summary>
    public static (DateOnly From, DateOnly To, string Fr, string En) PeriodOf(string text, DateOnly today)
    {
        var f = new FoldedText(text ?? string.Empty).Folded;
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        if (LastMonthRegex().IsMatch(f))
        {
            var from = monthStart.AddMonths(-1);
            return (from, monthStart.AddDays(-1), $"en {from.ToString("MMMM yyyy", Format.Culture("fr"))}", $"in {from.ToString("MMMM yyyy", Format.Culture("en"))}");
        }

        if (WeekRegex().IsMatch(f))
        {
            var from = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            return (from, today, "cette semaine", "this week");
        }

        if (YearRegex().IsMatch(f))
            return (new DateOnly(today.Year, 1, 1), today, $"en {today.Year}", $"in {today.Year}");
        if (MonthNameRegex().Match(f) is { Success: true } m)
        {
            var month = MonthIndex(m.Value);
            var year = month > today.Month ? today.Year - 1 : today.Year;
            var from = new DateOnly(year, month, 1);
            return (from, from.AddMonths(1).AddDays(-1), $"en {from.ToString("MMMM yyyy", Format.Culture("fr"))}", $"in {from.ToString("MMMM yyyy", Format.Culture("en"))}");
        }

        return (monthStart, today, "ce mois-ci", "this month");
    }

    public static async Task<Outcome> IncomeAsync(TurnContext ctx, string text)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var (from, to, fr, en) = PeriodOf(text, ctx.Today);
        var billed = BilledRegex().IsMatch(new FoldedText(text ?? string.Empty).Folded);
        var rows = await ctx.Db.ReadAsync(s => billed ? s.Invoices.InvoicedBetweenAsync(ctx.Owner.Id, from, to) : s.Payments.ReceivedBetweenAsync(ctx.Owner.Id, from, to), ctx.Ct).ConfigureAwait(false);
        var span = ctx.T($"du {ctx.Date(from)} au {ctx.Date(to)}", $"from {ctx.Date(from)} to {ctx.Date(to)}");
        if (rows.Count == 0)
            return Outcome.Say(billed ? ctx.T($"Rien de facturé {fr} ({span}).", $"Nothing invoiced {en} ({span}).") : ctx.T($"Rien d'encaissé {fr} ({span}).", $"Nothing received {en} ({span})."));
        var totals = string.Join(" + ", rows.Select(r => Markup.Bold(ctx.Money(r.Cents, r.Currency))));
        var count = rows.Sum(r => r.Count);
        return Outcome.Say(billed
            ? ctx.T($"🧾 Facturé {fr} ({span}) : {totals} ({count} facture{(count > 1 ? "s" : "")}).", $"🧾 Invoiced {en} ({span}): {totals} ({count} invoice{(count > 1 ? "s" : "")}).")
            : ctx.T($"💶 Encaissé {fr} ({span}) : {totals} ({count} paiement{(count > 1 ? "s" : "")}, avoirs non compris).", $"💶 Received {en} ({span}): {totals} ({count} payment{(count > 1 ? "s" : "")}, credit notes not included)."));
    }

    public static async Task<Outcome> ListPaidAsync(TurnContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var paid = await ctx.Db.ReadAsync(s => s.Invoices.PaidAsync(ctx.Owner.Id, 30), ctx.Ct).ConfigureAwait(false);
        if (paid.Count == 0)
            return Outcome.Say(ctx.T("Aucune facture réglée pour l'instant.", "No paid invoice yet."));
        var lines = paid.Select(i => $"• {Markup.Escape(i.ClientName)} — {(i.Number is { } n ? Markup.Escape(n) + " — " : string.Empty)}{ctx.Money(i.AmountCents, i.Currency)}");
        return Outcome.Say(ctx.T($"✔️ Factures réglées ({paid.Count}{(paid.Count == 30 ? ", les plus récentes" : string.Empty)}) :\n", $"✔️ Paid invoices ({paid.Count}{(paid.Count == 30 ? ", latest" : string.Empty)}):\n") + string.Join('\n', lines));
    }

    /// <summary>Invoices and payments as CSV (ISO dates, decimal point, UTF-8), written next to the store; the reply names the file.</summary>
    public static async Task<Outcome> ExportAsync(TurnContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var folder = Path.Combine(Path.GetDirectoryName(ctx.Db.FilePath) ?? Path.GetTempPath(), "exports");
        Directory.CreateDirectory(folder);
        var (invoices, payments) = await ctx.Db.ReadAsync(async s => (await s.Invoices.AllAsync(ctx.Owner.Id).ConfigureAwait(false), await s.Payments.AllAsync(ctx.Owner.Id).ConfigureAwait(false)), ctx.Ct).ConfigureAwait(false);
        var sb = new StringBuilder("record,number,client,date,due_date,amount,paid,currency,status\n");
        foreach (var i in invoices)
            sb.AppendLine(CultureInfo.InvariantCulture, $"invoice,{Csv(i.Number)},{Csv(i.ClientName)},{i.IssueDate:yyyy-MM-dd},{i.DueDate:yyyy-MM-dd},{Decimal(i.AmountCents)},{Decimal(i.PaidCents)},{i.Currency},{i.Status}");
        foreach (var p in payments)
            sb.AppendLine(CultureInfo.InvariantCulture, $"{(p.Kind == Data.PaymentKind.Credit ? "credit_note" : "payment")},{Csv(p.InvoiceNumber)},{Csv(p.ClientName)},{p.PaidOn:yyyy-MM-dd},,{Decimal(p.AmountCents)},,{p.Currency},{(p.VoidedAt is null ? string.Empty : "voided")}");
        var path = Path.Combine(folder, $"recouvrement-{ctx.Today:yyyy-MM-dd}-{ctx.Owner.Id}.csv");
        await File.WriteAllTextAsync(path, sb.ToString(), new UTF8Encoding(false), ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(ctx.T($"📄 Export : {invoices.Count} factures et {payments.Count} paiements dans {Markup.Escape(path)}", $"📄 Export: {invoices.Count} invoices and {payments.Count} payments in {Markup.Escape(path)}"));
    }

    private static string Decimal(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Csv(string? s) => s is null ? string.Empty : s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static int MonthIndex(string m) => m[..3] switch
    {
        "jan" => 1,
        "fev" or "feb" => 2,
        "mar" => 3,
        "avr" or "apr" => 4,
        "mai" or "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "jui" => m.StartsWith("juil", StringComparison.Ordinal) ? 7 : 6,
        "aou" or "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        _ => 12,
    };

    [GeneratedRegex(@"\b(?:mois\s+(?:dernier|precedent|passe)|last\s+month|previous\s+month)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LastMonthRegex();

    [GeneratedRegex(@"\b(?:cette\s+semaine|this\s+week)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WeekRegex();

    [GeneratedRegex(@"\b(?:cette\s+annee|this\s+year|depuis\s+(?:le\s+)?(?:debut\s+de\s+l'annee|janvier)|year\s+to\s+date|ytd)\b", RegexOptions.CultureInvariant)]
    private static partial Regex YearRegex();

    [GeneratedRegex(@"\b(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MonthNameRegex();

    [GeneratedRegex(@"\b(?:factur\w*|invoiced|billed|chiffre\s+d'affaires|\bca\b)", RegexOptions.CultureInvariant)]
    private static partial Regex BilledRegex();
}
