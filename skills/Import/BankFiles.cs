using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Recouvrement.Skills.Import;

/// <summary>
/// One statement line. <paramref name="Key"/> identifies it across imports: the bank's own reference (FITID,
/// AcctSvcrRef, CFONB entry number) or, without one, a hash of date, amount, label and rank among identical lines.
/// </summary>
public sealed record BankLine(string Key, DateOnly Date, long AmountCents, string Currency, string Label, string? Payer = null, string? Iban = null, string? Reference = null)
{
    public bool IsCredit => AmountCents > 0;
}

public sealed record StatementRead(FileKind Kind, IReadOnlyList<BankLine> Lines, FileProblem? Problem = null);

/// <summary>
/// Small readers for the statements French banks give: CSV exports, OFX 1.x (SGML) and 2.x (XML), CFONB 120 and
/// camt.053. No parser for these formats is packaged for .NET; each reader takes only what reconciliation needs.
/// </summary>
public static partial class BankFiles
{
    public static StatementRead Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var kind = ImportFiles.Detect(bytes);
        try
        {
            return kind switch
            {
                FileKind.Empty => new StatementRead(kind, [], FileProblem.Empty),
                FileKind.TooLarge => new StatementRead(kind, [], FileProblem.TooLarge),
                FileKind.Ofx => Checked(kind, Ofx(ImportFiles.Decode(bytes))),
                FileKind.Cfonb120 => Checked(kind, Cfonb(ImportFiles.Decode(bytes))),
                FileKind.Camt053 => Checked(kind, Camt(bytes)),
                FileKind.BankCsv => Checked(kind, Csv(ImportFiles.Decode(bytes))),
                _ => new StatementRead(kind, [], FileProblem.Unknown),
            };
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return new StatementRead(kind, [], FileProblem.ForbiddenXml);
        }
        catch (Exception e) when (e is XmlException or FormatException or InvalidDataException or ArgumentException or IndexOutOfRangeException or OverflowException or InvalidOperationException)
        {
            return new StatementRead(kind, [], FileProblem.Unreadable);
        }
    }

    private static StatementRead Checked(FileKind kind, List<BankLine> lines) =>
        lines.Count == 0 ? new StatementRead(kind, [], FileProblem.Unreadable) : new StatementRead(kind, lines);

    /// <summary>A table with a date, a label and an amount (or debit/credit) column: a bank export.</summary>
    internal static bool LooksLikeStatementTable(string head) =>
        InvoiceFiles.CsvRows(head).Take(15).Any(r => StatementHeader(r) is not null);

    private sealed record CsvMap(int Date, int Label, int Amount, int Debit, int Credit, int Currency, int Reference);

    private static CsvMap? StatementHeader(string[] row)
    {
        int date = -1, label = -1, amount = -1, debit = -1, credit = -1, currency = -1, reference = -1;
        for (var i = 0; i < row.Length; i++)
        {
            var h = InvoiceFiles.Fold(row[i]);
            if (h.Contains("date") && (date < 0 || h.Contains("operation") || h.Contains("comptable") || h.Contains("booking")))
                date = date >= 0 && !(h.Contains("operation") || h.Contains("comptable") || h.Contains("booking")) ? date : i;
            else if (h.Contains("libelle") || h.Contains("label") || h.Contains("description") || h.Contains("intitule") || h is "details" or "memo")
                label = label < 0 ? i : label;
            else if (h.Contains("debit"))
                debit = i;
            else if (h.Contains("credit"))
                credit = i;
            else if (h.Contains("montant") || h.Contains("amount") || h is "somme")
                amount = i;
            else if (h.Contains("devise") || h.Contains("currency"))
                currency = i;
            else if (h.Contains("reference") || h is "ref")
                reference = i;
        }

        return date >= 0 && label >= 0 && (amount >= 0 || credit >= 0) ? new CsvMap(date, label, amount, debit, credit, currency, reference) : null;
    }

    private static List<BankLine> Csv(string text)
    {
        var lines = new List<BankLine>();
        CsvMap? map = null;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in InvoiceFiles.CsvRows(text))
        {
            if (map is null)
            {
                map = StatementHeader(row);
                continue;
            }

            string Cell(int i) => i >= 0 && i < row.Length ? row[i].Trim() : "";
            if (InvoiceFiles.TryDate(Cell(map.Date)) is not { } date)
                continue; // a balance or title line
            long cents;
            if (map.Amount >= 0 && Cell(map.Amount).Length > 0)
            {
                if (!InvoiceFiles.TryAmount(Cell(map.Amount), out cents, out _))
                    continue;
            }
            else if (Cell(map.Credit).Length > 0 && InvoiceFiles.TryAmount(Cell(map.Credit), out var c, out _))
                cents = Math.Abs(c);
            else if (Cell(map.Debit).Length > 0 && InvoiceFiles.TryAmount(Cell(map.Debit), out var d, out _))
                cents = -Math.Abs(d);
            else
                continue;
            var label = Cell(map.Label);
            var reference = Cell(map.Reference) is { Length: > 0 } r ? r : null;
            lines.Add(new BankLine(reference ?? HashKey(seen, date, cents, label), date, cents, Cell(map.Currency) is { Length: 3 } cur ? cur.ToUpperInvariant() : "EUR", label,
                PayerOf(label), IbanIn(label), reference));
        }

        return lines;
    }

    /// <summary>Identical lines (two payments of the same amount the same day) stay two lines: their rank is in the key.</summary>
    private static string HashKey(Dictionary<string, int> seen, DateOnly date, long cents, string label)
    {
        var basis = $"{date:yyyy-MM-dd}|{cents}|{InvoiceFiles.Fold(label)}";
        seen[basis] = seen.GetValueOrDefault(basis) + 1;
        return "h:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(basis + "|" + seen[basis])))[..24];
    }

    [GeneratedRegex(@"<STMTTRN>(?<body>.*?)(?:</STMTTRN>|(?=<STMTTRN>)|(?=</BANKTRANLIST>))", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex OfxTransactionRegex();

    [GeneratedRegex(@"<CURDEF>\s*(?<v>[A-Z]{3})", RegexOptions.IgnoreCase)]
    private static partial Regex OfxCurrencyRegex();

    private static string? OfxField(string body, string tag)
    {
        // SGML (1.x) leaves leaf tags unclosed: the value runs to the next tag or line end.
        var m = Regex.Match(body, "<" + tag + @">\s*(?<v>[^<\r\n]*)", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return m.Success && m.Groups["v"].Value.Trim().Length > 0 ? System.Net.WebUtility.HtmlDecode(m.Groups["v"].Value.Trim()) : null;
    }

    private static List<BankLine> Ofx(string text)
    {
        var currency = OfxCurrencyRegex().Match(text) is { Success: true } cm ? cm.Groups["v"].Value.ToUpperInvariant() : "EUR";
        var lines = new List<BankLine>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match m in OfxTransactionRegex().Matches(text))
        {
            var body = m.Groups["body"].Value;
            var rawDate = OfxField(body, "DTPOSTED");
            var rawAmount = OfxField(body, "TRNAMT");
            if (rawDate is null || rawDate.Length < 8 || rawAmount is null)
                continue;
            if (!DateOnly.TryParseExact(rawDate[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                continue;
            if (!InvoiceFiles.TryAmount(rawAmount, out var cents, out _))
                continue;
            var name = OfxField(body, "NAME");
            var memo = OfxField(body, "MEMO");
            var label = string.Join(" ", new[] { name, memo }.Where(s => !string.IsNullOrWhiteSpace(s)));
            var fitid = OfxField(body, "FITID");
            lines.Add(new BankLine(fitid is not null ? "ofx:" + fitid : HashKey(seen, date, cents, label), date, cents, currency, label, name ?? PayerOf(label), IbanIn(label),
                OfxField(body, "REFNUM") ?? OfxField(body, "CHECKNUM")));
        }

        return lines;
    }

    /// <summary>
    /// CFONB 120 (« relevé de compte »): record 04 is a movement (date JJMMAA at 35, label at 49, amount over 14
    /// characters at 91 whose last character carries the sign and the last digit), record 05 completes the label.
    /// </summary>
    private static List<BankLine> Cfonb(string text)
    {
        var lines = new List<BankLine>();
        BankLine? pending = null;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var l = raw.TrimEnd('\r');
            if (l.Length < 120)
                continue;
            var code = l[..2];
            if (code == "05" && pending is not null)
            {
                pending = pending with { Label = (pending.Label + " " + l[48..118].Trim()).Trim() };
                continue;
            }

            if (pending is not null)
            {
                lines.Add(pending with { Key = pending.Key.Length > 0 ? pending.Key : HashKey(seen, pending.Date, pending.AmountCents, pending.Label), Payer = PayerOf(pending.Label), Iban = IbanIn(pending.Label) });
                pending = null;
            }

            if (code != "04")
                continue;
            var currency = l[16..19].Trim() is { Length: 3 } cur ? cur : "EUR";
            var decimals = char.IsAsciiDigit(l[19]) ? l[19] - '0' : 2;
            if (!DateOnly.TryParseExact(l[34..40], "ddMMyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                continue;
            if (SignedAmount(l[90..104], decimals) is not { } cents)
                continue;
            var label = l[48..79].Trim();
            var entry = l[81..88].Trim();
            var reference = l[104..120].Trim();
            var account = l[21..32].Trim();
            pending = new BankLine(entry.Length > 0 && entry.Any(c => c != '0') ? $"cfonb:{account}:{date:yyyyMMdd}:{entry}" : "", date, cents, currency, label, null, null, reference.Length > 0 ? reference : null);
        }

        if (pending is not null)
            lines.Add(pending with { Key = pending.Key.Length > 0 ? pending.Key : HashKey(seen, pending.Date, pending.AmountCents, pending.Label), Payer = PayerOf(pending.Label), Iban = IbanIn(pending.Label) });
        return lines;
    }

    /// <summary>« 0000000012345{ » style amounts: { A-I positive 0-9, } J-R negative 0-9.</summary>
    internal static long? SignedAmount(string field, int decimals)
    {
        if (field.Length == 0)
            return null;
        var last = field[^1];
        int digit;
        bool negative;
        if (last == '{') (digit, negative) = (0, false);
        else if (last == '}') (digit, negative) = (0, true);
        else if (last is >= 'A' and <= 'I') (digit, negative) = (last - 'A' + 1, false);
        else if (last is >= 'J' and <= 'R') (digit, negative) = (last - 'J' + 1, true);
        else return null;
        var digits = field[..^1].Trim();
        if (!digits.All(char.IsAsciiDigit) || !long.TryParse(digits + digit.ToString(CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var units))
            return null;
        // To cents whatever the number of decimals the record declares.
        var cents = decimals switch { 0 => units * 100, 1 => units * 10, 2 => units, 3 => units / 10, _ => units };
        return negative ? -cents : cents;
    }

    /// <summary>camt.053: each Ntry with its amount, CRDT/DBIT, booking date, bank reference, debtor name and IBAN, remittance text.</summary>
    private static List<BankLine> Camt(byte[] bytes)
    {
        var doc = InvoiceFiles.SafeXml(bytes);
        var lines = new List<BankLine>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in doc.Descendants().Where(e => e.Name.LocalName == "Ntry"))
        {
            string? Path(System.Xml.Linq.XElement scope, params string[] names)
            {
                IEnumerable<System.Xml.Linq.XElement> current = [scope];
                foreach (var n in names)
                    current = current.SelectMany(e => e.Descendants().Where(d => d.Name.LocalName == n));
                return current.Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);
            }

            var amountElement = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "Amt");
            if (amountElement is null || !InvoiceFiles.TryAmount(amountElement.Value, out var cents, out _))
                continue;
            var debit = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "CdtDbtInd")?.Value.Trim() == "DBIT";
            cents = debit ? -Math.Abs(cents) : Math.Abs(cents);
            var rawDate = Path(entry, "BookgDt", "Dt") ?? Path(entry, "BookgDt", "DtTm") ?? Path(entry, "ValDt", "Dt");
            if (rawDate is null || InvoiceFiles.TryDate(rawDate.Length > 10 ? rawDate[..10] : rawDate) is not { } date)
                continue;
            var payer = Path(entry, "RltdPties", "Dbtr", "Nm") ?? Path(entry, "RltdPties", "Dbtr", "Pty", "Nm");
            var iban = Path(entry, "RltdPties", "DbtrAcct", "IBAN");
            var remittance = string.Join(" ", entry.Descendants().Where(e => e.Name.LocalName is "Ustrd").Select(e => e.Value.Trim()));
            var structured = Path(entry, "RmtInf", "Strd", "Ref");
            var label = string.Join(" ", new[] { payer, remittance, structured, Path(entry, "AddtlNtryInf") }.Where(s => !string.IsNullOrWhiteSpace(s)));
            var bankRef = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "AcctSvcrRef")?.Value.Trim() ?? entry.Elements().FirstOrDefault(e => e.Name.LocalName == "NtryRef")?.Value.Trim();
            lines.Add(new BankLine(!string.IsNullOrEmpty(bankRef) ? "camt:" + bankRef : HashKey(seen, date, cents, label), date, cents,
                (string?)amountElement.Attribute("Ccy") ?? "EUR", label, payer ?? PayerOf(label), iban?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() ?? IbanIn(label),
                structured ?? Path(entry, "Refs", "EndToEndId")));
        }

        return lines;
    }

    [GeneratedRegex(@"\b(?:VIR(?:EMENT)?(?:\s+SEPA)?(?:\s+RECU)?|VIREMENT\s+DE|PRLV(?:\s+SEPA)?|DE:|FROM)\s*:?\s*(?<name>[A-Z0-9&'. -]{3,40}?)(?=\s+(?:REF|MOTIF|LIB|ID|DATE|/|$)|$)", RegexOptions.IgnoreCase)]
    private static partial Regex PayerInLabelRegex();

    [GeneratedRegex(@"\b(?<iban>[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,4})?)\b")]
    private static partial Regex IbanInLabelRegex();

    private static string? PayerOf(string label) =>
        PayerInLabelRegex().Match(label) is { Success: true } m ? m.Groups["name"].Value.Trim() : null;

    private static string? IbanIn(string label) =>
        IbanInLabelRegex().Match(label) is { Success: true } m ? m.Groups["iban"].Value.Replace(" ", "", StringComparison.Ordinal) : null;
}
