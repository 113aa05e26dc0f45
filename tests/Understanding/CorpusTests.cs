using System.Globalization;
using System.Text;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Tests.Understanding;

/// <summary>
/// A labelled corpus of owner utterances, French and English, built from many phrasings per intent crossed with
/// clients, amounts, dates and invoice numbers written the ways owners write them. The report counts, per intent and
/// per entity, what was read right, what was missed (the bot asks) and what was read wrong (silently wrong: the worst).
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private sealed record Row(string Text, string Intent, string? Client = null, decimal? Amount = null, string? Currency = null, DateOnly? Due = null, DateOnly? Date = null, string? Number = null);

    private static readonly string[] Clients =
    [
        "Dupont SARL", "Transports Girard", "Acme Ltd", "Cabinet Roux", "Boulangerie Martin", "Northwind", "Pixel & Co",
        "SCI Les Tilleuls", "Garage Petit", "Smith & Sons Ltd", "Alpha Conseil", "Studio Lumen", "Atelier Nova", "Contoso",
    ];

    private static readonly string[] LowerClients = ["hotel du parc", "cabinet roux", "garage petit", "boulangerie martin"];

    private static readonly (string Fr, string En, decimal Value, string Currency)[] Money =
    [
        ("1 200 €", "€1,200", 1200, "EUR"), ("350,50 €", "€350.50", 350.5m, "EUR"), ("2k€", "2k€", 2000, "EUR"),
        ("1 250,00 $", "$1,250.00", 1250, "USD"), ("499,99 euros", "499.99 euros", 499.99m, "EUR"), ("15 euros 50", "15 euros 50", 15.5m, "EUR"),
        ("mille deux cents euros", "three thousand dollars", 0, "*"), ("EUR29,99", "EUR29.99", 29.99m, "EUR"), ("800 £", "£800", 800, "GBP"),
        ("12 500 €", "€12,500", 12500, "EUR"), ("2,5k€", "2.5k€", 2500, "EUR"), ("17 USD 25", "17 USD 25", 17.25m, "USD"),
    ];

    private static (string Text, decimal Value, string Currency) MoneyFor(int i, bool english)
    {
        var m = Money[i % Money.Length];
        if (m.Currency == "*")
            return english ? ("three thousand dollars", 3000, "USD") : ("mille deux cents euros", 1200, "EUR");
        return (english ? m.En : m.Fr, m.Value, m.Currency);
    }

    private static readonly (string Fr, string En, DateOnly Due)[] DueDates =
    [
        ("échéance 15/12", "due 15/12", new(2026, 12, 15)), ("échéance le 15 décembre", "due December 15", new(2026, 12, 15)),
        ("à 30 jours", "net 30", new(2026, 12, 23)), ("payable fin du mois", "due end of month", new(2026, 11, 30)),
        ("à payer le 16/12/2026", "due on 16/12/2026", new(2026, 12, 16)), ("échéance 2026-12-20", "due 2026-12-20", new(2026, 12, 20)),
        ("à 45 jours", "due in 45 days", new(2027, 1, 7)), ("échéance le 16", "due the 16th", new(2026, 12, 16)),
        ("à régler avant le 10/01/2027", "due before 10/01/2027", new(2027, 1, 10)), ("payable à réception", "due upon receipt", new(2026, 11, 23)),
        ("échéance fin janvier", "due end of january", new(2027, 1, 31)), ("sous quinzaine", "due in a fortnight", new(2026, 12, 7)),
    ];

    private static readonly string[] Numbers = ["F-2026-041", "INV-88", "A-7", "F-12", "FA2026-113", "2026-101"];

    private static IEnumerable<Row> Build()
    {
        var random = new Random(2026);
        string C() => Clients[random.Next(Clients.Length)];
        string N() => Numbers[random.Next(Numbers.Length)];
        var rows = new List<Row>();

        // log_invoice: many phrasings, every amount and due-date form.
        string[] invoiceFr =
        [
            "facture {c} {a} {d}", "nouvelle facture {n} pour {c} de {a} {d}", "j'ai facturé {c} {a}, {d}", "ajoute une facture de {a} pour {c}, {d}",
            "facture {n} {c} {a} {d}", "enregistre la facture {n} : {c}, {a}, {d}", "Facture pour {c} : {a} {d}", "nouvelle facture {c} {a} {d}",
        ];
        string[] invoiceEn =
        [
            "invoice {c} {a} {d}", "new invoice {n} for {c}, {a}, {d}", "I billed {c} {a} {d}", "log an invoice of {a} for {c} {d}",
            "invoice {n} {c} {a} {d}", "add invoice {n} for {c}: {a}, {d}",
        ];
        foreach (var (templates, english) in new[] { (invoiceFr, false), (invoiceEn, true) })
        {
            foreach (var t in templates)
            {
                for (var k = 0; k < 40; k++)
                {
                    var (a, value, currency) = MoneyFor(k, english);
                    var due = DueDates[(k * 5 + t.Length) % DueDates.Length];
                    var client = C();
                    var number = t.Contains("{n}", StringComparison.Ordinal) ? N() : null;
                    var text = t.Replace("{c}", client).Replace("{a}", a).Replace("{d}", english ? due.En : due.Fr).Replace("{n}", number ?? string.Empty);
                    rows.Add(new Row(text, Intents.LogInvoice, client, value, currency, due.Due, null, number));
                }
            }
        }

        foreach (var lower in LowerClients)
        {
            rows.Add(new Row($"facture {lower} 900 € à 30 jours", Intents.LogInvoice, lower, 900, "EUR", new(2026, 12, 23)));
            rows.Add(new Row($"{lower} a payé 300 €", Intents.RecordPayment, lower, 300, "EUR"));
            rows.Add(new Row($"relance {lower}", Intents.DraftReminder, lower));
        }

        // record_payment: assertions only.
        string[] paymentFr = ["{c} a payé {a}", "{c} m'a réglé {a}", "reçu {a} de {c}", "virement de {a} reçu de {c}", "{c} a viré {a}", "paiement de {a} reçu de {c}", "{c} vient de payer {a}", "encaissé {a} de {c}"];
        string[] paymentEn = ["{c} paid {a}", "received {a} from {c}", "got {a} from {c}", "payment of {a} from {c}", "{c} has paid {a}", "{c} just paid {a}"];
        foreach (var (templates, english) in new[] { (paymentFr, false), (paymentEn, true) })
        {
            foreach (var t in templates)
            {
                for (var k = 0; k < 30; k++)
                {
                    var (a, value, currency) = MoneyFor(k + 3, english);
                    var client = C();
                    rows.Add(new Row(t.Replace("{c}", client).Replace("{a}", a), Intents.RecordPayment, client, value, currency));
                }
            }
        }

        foreach (var n in Numbers)
        {
            rows.Add(new Row($"la facture {n} est payée", Intents.RecordPayment, Number: n));
            rows.Add(new Row($"invoice {n} is paid", Intents.RecordPayment, Number: n));
        }

        // Never payments: questions, reported speech, negations, conditions.
        string[] notPayment =
        [
            "est-ce que {c} a payé ?", "{c} a payé ?", "{c} a-t-il payé ?", "{c} dit qu'il a payé {a} mais je n'ai rien reçu", "{c} prétend avoir payé {a}",
            "{c} n'a pas payé", "{c} n'a toujours pas réglé", "si {c} paie {a}, il reste combien ?", "did {c} pay?", "has {c} paid?",
            "{c} says they paid {a}", "{c} hasn't paid", "if {c} pays {a} tomorrow", "I haven't received anything from {c}", "où en est {c} ?",
            "situation de {c}", "combien me doit {c} ?", "status of {c}", "how much does {c} owe?", "historique de paiement de {c}",
        ];
        foreach (var t in notPayment)
        {
            for (var k = 0; k < 20; k++)
            {
                var client = C();
                var (a, _, _) = MoneyFor(k, t.Any(char.IsAscii) && t.Contains("paid", StringComparison.Ordinal));
                rows.Add(new Row(t.Replace("{c}", client).Replace("{a}", a), Intents.ClientStatus, client));
            }
        }

        string[] whoOwes = ["qui me doit ?", "qui me doit de l'argent ?", "mes impayés", "liste des retards", "qu'est-ce qu'on me doit ?", "mes créances", "who owes me?", "how much am I owed", "what am I owed?", "show me overdue invoices", "outstanding invoices", "unpaid invoices", "Qui me doit", "factures en retard", "balance âgée"];
        string[] dueSoon = ["échéances à venir", "quelles sont les échéances de la semaine ?", "qu'est-ce qui arrive à échéance ?", "what's due this week?", "upcoming invoices", "any invoices due today?", "prochaines échéances", "due soon"];
        string[] help = ["aide", "help", "que sais-tu faire ?", "what can you do?", "/start"];
        string[] greeting = ["bonjour", "hello", "salut", "hi", "bonsoir", "merci"];
        string[] income = ["combien j'ai encaissé ce mois-ci ?", "CA facturé en novembre", "combien j'ai facturé ce mois-ci ?", "how much did I receive this month?", "total encaissé ce mois-ci", "chiffre d'affaires du mois dernier"];
        foreach (var (list, intent) in new[] { (whoOwes, Intents.WhoOwesMe), (dueSoon, Intents.DueSoon), (help, Intents.Help), (greeting, Intents.Greeting), (income, Intents.IncomeReport) })
        {
            foreach (var t in list)
            {
                for (var k = 0; k < 4; k++)
                    rows.Add(new Row(k % 2 == 0 ? t : t.TrimEnd('?', ' ') + (k == 3 ? " ?" : string.Empty), intent));
            }
        }

        // Intents about one client.
        var perClient = new (string Template, string Intent)[]
        {
            ("relance {c}", Intents.DraftReminder), ("relance {c} pour la facture {n}", Intents.DraftReminder), ("rédige une mise en demeure pour {c}", Intents.DraftReminder),
            ("remind {c}", Intents.DraftReminder), ("chase {c} about invoice {n}", Intents.DraftReminder), ("send a firm follow-up to {c}", Intents.DraftReminder),
            ("{c} conteste la facture {n}", Intents.Dispute), ("{c} disputes invoice {n}", Intents.Dispute),
            ("est-ce que {c} est fiable ?", Intents.CheckReputation), ("{c} a des procédures collectives ?", Intents.CheckReputation), ("is {c} reliable?", Intents.CheckReputation),
            ("pénalités de retard pour {c}", Intents.LateFees), ("late fees for {c}", Intents.LateFees),
            ("surveille {c}", Intents.Watch), ("{c} propose de payer en 3 fois", Intents.ProposePlan),
        };
        foreach (var (t, intent) in perClient)
        {
            for (var k = 0; k < 20; k++)
            {
                var client = C();
                var number = t.Contains("{n}", StringComparison.Ordinal) ? N() : null;
                rows.Add(new Row(t.Replace("{c}", client).Replace("{n}", number ?? string.Empty), intent, client, Number: number));
            }
        }

        for (var k = 0; k < 20; k++)
        {
            var client = C();
            rows.Add(new Row($"{client} promet de payer le 10/12", Intents.PromiseToPay, client, Date: new(2026, 12, 10)));
            rows.Add(new Row($"{client} doit payer 1 000 € demain", Intents.PromiseToPay, client, 1000, "EUR", Date: new(2026, 11, 24)));
            rows.Add(new Row($"{client} will pay on December 10", Intents.PromiseToPay, client, Date: new(2026, 12, 10)));
            var n = N();
            rows.Add(new Row($"avoir de 100 € sur {n} pour {client}", Intents.CreditNote, client, 100, "EUR", Number: n));
            rows.Add(new Row($"supprime la facture {n}", Intents.DeleteInvoice, Number: n));
            rows.Add(new Row($"delete invoice {n}", Intents.DeleteInvoice, Number: n));
            rows.Add(new Row($"corrige la facture {n} : 1 300 €", Intents.Correct, Amount: 1300, Currency: "EUR", Number: n));
            rows.Add(new Row($"supprime le paiement de 1000 € de {client}", Intents.Undo, client, 1000, "EUR"));
        }

        foreach (var (t, intent) in new[]
        {
            ("annule le dernier paiement", Intents.Undo), ("undo the last payment", Intents.Undo), ("liste des factures payées", Intents.ListPaid),
            ("paid invoices", Intents.ListPaid), ("export", Intents.Export), ("exporte mes factures en CSV", Intents.Export),
        })
        {
            rows.Add(new Row(t, intent));
        }

        return rows;
    }

    [Fact]
    public void Recognize_Corpus_MeetsTheTargetsAndReportsSilentlyWrong()
    {
        var rows = Build().ToList();
        var recognizer = new Recognizer();
        var byIntent = new Dictionary<string, (int Total, int Right)>(StringComparer.Ordinal);
        var entity = new Dictionary<string, (int Total, int Right, int Missing, int Wrong)>(StringComparer.Ordinal);
        var failures = new List<string>();

        void Count(string name, object? expected, object? actual, string text)
        {
            if (expected is null)
                return;
            var (t, r, m, w) = entity.GetValueOrDefault(name);
            if (actual is null)
            {
                entity[name] = (t + 1, r, m + 1, w);
                failures.Add($"missing {name} ({expected}): {text}");
            }
            else if (Equals(expected, actual))
            {
                entity[name] = (t + 1, r + 1, m, w);
            }
            else
            {
                entity[name] = (t + 1, r, m, w + 1);
                failures.Add($"WRONG {name} {actual} (not {expected}): {text}");
            }
        }

        foreach (var row in rows)
        {
            var r = recognizer.Recognize(row.Text, Today);
            var (total, right) = byIntent.GetValueOrDefault(row.Intent);
            var ok = r.Intent == row.Intent;
            byIntent[row.Intent] = (total + 1, right + (ok ? 1 : 0));
            if (!ok)
                failures.Add($"intent {r.Intent} (not {row.Intent}): {row.Text}");
            var e = r.Entities;
            Count("client", row.Client, e.Client, row.Text);
            Count("amount", row.Amount, e.Amount, row.Text);
            Count("currency", row.Amount is null ? null : row.Currency, e.Amount is null ? null : e.Currency, row.Text);
            Count("due_date", row.Due, e.DueDate, row.Text);
            Count("date", row.Date, e.Date ?? e.DueDate, row.Text);
            Count("invoice_number", row.Number, e.InvoiceNumber, row.Text);
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{rows.Count} utterances");
        foreach (var (intent, (t, r)) in byIntent.OrderBy(x => x.Key, StringComparer.Ordinal))
            report.AppendLine(CultureInfo.InvariantCulture, $"intent {intent,-16} {r,5}/{t,-5} {(double)r / t:P1}");
        foreach (var (name, (t, r, m, w)) in entity.OrderBy(x => x.Key, StringComparer.Ordinal))
            report.AppendLine(CultureInfo.InvariantCulture, $"entity {name,-16} right {(double)r / t:P1}  missing {(double)m / t:P1}  silently wrong {(double)w / t:P1}  (n={t})");
        foreach (var f in failures.Take(80))
            report.AppendLine(f);
        output.WriteLine(report.ToString());
        // Also kept as a file next to the tests, so the figures can be read after a passing run.
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "corpus-report.txt"), report.ToString());

        var intentAccuracy = (double)byIntent.Values.Sum(v => v.Right) / rows.Count;
        var entityTotal = entity.Values.Sum(v => v.Total);
        var entityRight = (double)entity.Values.Sum(v => v.Right) / entityTotal;
        var silentlyWrong = (double)entity.Values.Sum(v => v.Wrong) / entityTotal;
        Assert.True(rows.Count >= 2000, $"only {rows.Count} utterances");
        Assert.True(intentAccuracy >= 0.97, $"intent {intentAccuracy:P1}\n{report}");
        Assert.True(entityRight >= 0.95, $"entities {entityRight:P1}\n{report}");
        Assert.True(silentlyWrong <= 0.02, $"silently wrong {silentlyWrong:P1}\n{report}");
    }
}
