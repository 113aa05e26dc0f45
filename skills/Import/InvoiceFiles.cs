using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CsvHelper;
using CsvHelper.Configuration;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Import;

/// <summary>One invoice read from a file, before it meets the book.</summary>
public sealed record ImportedInvoice(int Line, string? Number, string Client, string? Siren, string? Email, DateOnly IssueDate,
    DateOnly DueDate, long AmountCents, string Currency, bool CreditNote = false, bool DueAssumed = false, string? PaymentReference = null);

/// <summary>A row that could not be read, by its line in the file.</summary>
public sealed record RowError(int Line, RowProblem Problem, string? Value = null);

public enum RowProblem
{
    NoClient,
    NoAmount,
    BadAmount,
    NoDate,
    BadDate,
    DuplicateInFile,
    AlreadyKnown,
    CreditNoteWithoutInvoice,
    NotAnInvoice,
}

/// <summary>What a file gave: the good rows, the bad ones with their reason, and what the file is.</summary>
public sealed record InvoiceRead(FileKind Kind, IReadOnlyList<ImportedInvoice> Rows, IReadOnlyList<RowError> Errors, FileProblem? Problem = null);

public enum FileProblem
{
    Unknown,
    Empty,
    TooLarge,
    NoHeader,
    Unreadable,
    PdfWithoutXml,
    ForbiddenXml,
}

/// <summary>
/// Invoices from CSV (any of ; , tab; decimal comma or point; French or English headers matched by meaning), XLSX,
/// CII or UBL XML, and Factur-X PDFs (the CII XML embedded in the PDF/A-3).
/// </summary>
public static class InvoiceFiles
{
    private enum Column { Number, Client, IssueDate, DueDate, AmountGross, AmountNet, Amount, Email, Siren, Currency, Reference, Kind }

    public static InvoiceRead Read(byte[] bytes, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var kind = ImportFiles.Detect(bytes);
        try
        {
            return kind switch
            {
                FileKind.Empty => new InvoiceRead(kind, [], [], FileProblem.Empty),
                FileKind.TooLarge => new InvoiceRead(kind, [], [], FileProblem.TooLarge),
                FileKind.InvoiceCsv => ReadTable(kind, CsvRows(ImportFiles.Decode(bytes)), today),
                FileKind.InvoiceXlsx => ReadTable(kind, XlsxRows(bytes), today),
                FileKind.CiiXml or FileKind.UblXml => ReadXml(kind, bytes),
                FileKind.FacturXPdf => ReadFacturX(bytes),
                _ => new InvoiceRead(kind, [], [], FileProblem.Unknown),
            };
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return new InvoiceRead(kind, [], [], FileProblem.ForbiddenXml);
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or FormatException or IOException or InvalidOperationException or ArgumentException or NotSupportedException
            or IndexOutOfRangeException or KeyNotFoundException or NullReferenceException or OverflowException or InvalidCastException or UglyToad.PdfPig.Core.PdfDocumentFormatException or CsvHelperException)
        {
            // A truncated or malformed file of a known kind: said plainly, nothing read.
            return new InvoiceRead(kind, [], [], FileProblem.Unreadable);
        }
    }

    /// <summary>A table whose header names at least a client and an amount: an invoice list.</summary>
    internal static bool LooksLikeInvoiceTable(string head)
    {
        var rows = CsvRows(head).Take(12).ToList();
        return rows.Any(r => HeaderMap(r) is { } map && map.ContainsKey(Column.Client) && (map.ContainsKey(Column.Amount) || map.ContainsKey(Column.AmountGross) || map.ContainsKey(Column.AmountNet)));
    }

    internal static IEnumerable<string[]> CsvRows(string text)
    {
        var delimiter = DelimiterOf(text);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
        };
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, config);
        while (parser.Read())
        {
            if (parser.Record is { } record)
                yield return record;
        }
    }

    /// <summary>The separator used most evenly in the first lines: ; , or tab.</summary>
    private static string DelimiterOf(string text)
    {
        var lines = text.Split('\n', 6, StringSplitOptions.RemoveEmptyEntries).Take(5).ToList();
        var best = ";";
        var bestScore = -1;
        foreach (var d in new[] { ";", "\t", "," })
        {
            var counts = lines.Select(l => l.Split(d[0]).Length - 1).ToList();
            var score = counts.Count == 0 || counts[0] == 0 ? 0 : counts.Count(c => c == counts[0]) * 100 + counts[0];
            if (score > bestScore)
            {
                best = d;
                bestScore = score;
            }
        }

        return best;
    }

    private static IEnumerable<string[]> XlsxRows(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var rows = new List<string[]>();
        foreach (IDictionary<string, object?> row in MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: false, excelType: MiniExcelLibs.ExcelType.XLSX))
        {
            rows.Add([.. row.Values.Select(v => v switch
            {
                null => "",
                DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                double x => x.ToString(CultureInfo.InvariantCulture),
                decimal x => x.ToString(CultureInfo.InvariantCulture),
                _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
            })]);
        }

        return rows;
    }

    private static Dictionary<Column, int>? HeaderMap(string[] header)
    {
        var map = new Dictionary<Column, int>();
        for (var i = 0; i < header.Length; i++)
        {
            var h = Fold(header[i]);
            if (h.Length == 0)
                continue;
            Column? c = h switch
            {
                _ when h.Contains("echeance") || h.Contains("due") || h.Contains("limite") || h.Contains("payable") => Column.DueDate,
                _ when h.Contains("siren") || h.Contains("siret") => Column.Siren,
                _ when h.Contains("mail") || h.Contains("courriel") => Column.Email,
                _ when h.Contains("devise") || h.Contains("currency") => Column.Currency,
                _ when h.Contains("reference de paiement") || h.Contains("payment reference") || h.Contains("ref paiement") => Column.Reference,
                _ when h is "type" or "nature" or "sens" => Column.Kind,
                _ when h.Contains("ttc") || h.Contains("gross") || h.Contains("incl") || h.Contains("net a payer") || h.Contains("amount due") || h.Contains("reste") => Column.AmountGross,
                _ when h.Contains(" ht") || h.EndsWith("ht", StringComparison.Ordinal) && h.Contains("montant") || h.Contains("hors taxe") || h.Contains("excl") || h is "ht" or "net" => Column.AmountNet,
                _ when h.Contains("montant") || h.Contains("amount") || h.Contains("total") || h is "somme" or "prix" or "price" or "valeur" or "value" => Column.Amount,
                _ when h.Contains("date") || h.Contains("emission") || h.Contains("issued") => Column.IssueDate,
                _ when h.Contains("client") || h.Contains("customer") || h.Contains("debiteur") || h.Contains("raison sociale") || h.Contains("societe") || h.Contains("company") || h.Contains("buyer") || h.Contains("acheteur") || h is "nom" or "name" or "tiers" => Column.Client,
                _ when h.Contains("numero") || h.Contains("number") || h is "n°" or "no" or "num" or "n" or "ref" or "reference" or "facture" or "invoice" or "id" || h.StartsWith("n° ", StringComparison.Ordinal) => Column.Number,
                _ => null,
            };
            if (c is { } col && !map.ContainsKey(col))
                map[col] = i;
        }

        return map.Count >= 2 ? map : null;
    }

    private static InvoiceRead ReadTable(FileKind kind, IEnumerable<string[]> source, DateOnly today)
    {
        var rows = new List<ImportedInvoice>();
        var errors = new List<RowError>();
        Dictionary<Column, int>? map = null;
        var line = 0;
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in source)
        {
            line++;
            if (map is null)
            {
                // The header may follow a few title lines.
                var candidate = HeaderMap(record);
                if (candidate is not null && candidate.ContainsKey(Column.Client))
                    map = candidate;
                else if (line > 10)
                    return new InvoiceRead(kind, [], [], FileProblem.NoHeader);
                continue;
            }

            if (record.All(string.IsNullOrWhiteSpace))
                continue;
            string Cell(Column c) => map.TryGetValue(c, out var i) && i < record.Length ? record[i].Trim() : "";
            var client = Cell(Column.Client);
            var rawAmount = Cell(Column.AmountGross) is { Length: > 0 } gross ? gross : Cell(Column.Amount) is { Length: > 0 } plain ? plain : Cell(Column.AmountNet);
            if (client.Length == 0)
            {
                errors.Add(new RowError(line, RowProblem.NoClient));
                continue;
            }

            if (rawAmount.Length == 0)
            {
                errors.Add(new RowError(line, RowProblem.NoAmount));
                continue;
            }

            if (!TryAmount(rawAmount, out var cents, out var currency))
            {
                errors.Add(new RowError(line, RowProblem.BadAmount, rawAmount));
                continue;
            }

            var rawIssue = Cell(Column.IssueDate);
            var rawDue = Cell(Column.DueDate);
            DateOnly? issue = rawIssue.Length == 0 ? null : TryDate(rawIssue);
            DateOnly? due = rawDue.Length == 0 ? null : TryDate(rawDue);
            if ((rawIssue.Length > 0 && issue is null) || (rawDue.Length > 0 && due is null))
            {
                errors.Add(new RowError(line, RowProblem.BadDate, issue is null && rawIssue.Length > 0 ? rawIssue : rawDue));
                continue;
            }

            if (issue is null && due is null)
            {
                errors.Add(new RowError(line, RowProblem.NoDate));
                continue;
            }

            var number = Cell(Column.Number) is { Length: > 0 } n ? n : null;
            if (number is not null && !numbers.Add(Data.InvoiceRepository.NumberKey(number)!))
            {
                errors.Add(new RowError(line, RowProblem.DuplicateInFile, number));
                continue;
            }

            var creditNote = cents < 0 || Fold(Cell(Column.Kind)) is "avoir" or "credit note" or "credit" or "381";
            var siren = new string([.. Cell(Column.Siren).Where(char.IsAsciiDigit)]) is { Length: 9 or 14 } digits ? digits[..9] : null;
            var email = Cell(Column.Email) is { Length: > 3 } e && e.Contains('@', StringComparison.Ordinal) ? e : null;
            var cur = Cell(Column.Currency) is { Length: 3 } c3 ? c3.ToUpperInvariant() : currency ?? "EUR";
            // No due date: the legal default, 30 days after the invoice (C. com. L441-10), said in the preview.
            rows.Add(new ImportedInvoice(line, number, client, siren, email, issue ?? due!.Value, due ?? issue!.Value.AddDays(30),
                Math.Abs(cents), cur, creditNote, due is null, Cell(Column.Reference) is { Length: > 0 } r ? r : null));
        }

        return map is null ? new InvoiceRead(kind, [], [], FileProblem.NoHeader) : new InvoiceRead(kind, rows, errors);
    }

    internal static bool TryAmount(string raw, out long cents, out string? currency)
    {
        cents = 0;
        currency = null;
        var s = raw.Trim().Replace("\u00A0", " ", StringComparison.Ordinal).Replace("\u202F", " ", StringComparison.Ordinal);
        var negative = s.StartsWith('-') || s.EndsWith('-') || (s.StartsWith('(') && s.EndsWith(')'));
        foreach (var (sym, code) in new[] { ("€", "EUR"), ("EUR", "EUR"), ("$", "USD"), ("USD", "USD"), ("£", "GBP"), ("GBP", "GBP"), ("CHF", "CHF") })
        {
            if (s.Contains(sym, StringComparison.OrdinalIgnoreCase))
            {
                currency = code;
                s = s.Replace(sym, "", StringComparison.OrdinalIgnoreCase);
            }
        }

        s = s.Trim().Trim('-', '+', '(', ')').Trim();
        if (!Amounts.TryParseNumber(s, out var value) || !Amounts.TryToCents(value, out cents) || cents > Amounts.MaxCents)
            return false;
        if (negative)
            cents = -cents;
        return true;
    }

    internal static DateOnly? TryDate(string raw)
    {
        var s = raw.Trim();
        string[] formats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy", "dd-MM-yyyy", "dd/MM/yy", "d/M/yy", "yyyyMMdd", "yyyy/MM/dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"];
        if (DateTime.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return DateOnly.FromDateTime(d);
        // A spreadsheet date kept as a serial number.
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        return null;
    }

    internal static string Fold(string text) => new FoldedText(text).Folded.Trim();

    /// <summary>Reads XML with DTDs refused and no resolver: an external entity can never be fetched (no XXE).</summary>
    internal static XDocument SafeXml(byte[] bytes)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = ImportFiles.MaxBytes,
            MaxCharactersFromEntities = 0,
        };
        using var stream = new MemoryStream(bytes);
        using var reader = XmlReader.Create(stream, settings);
        return XDocument.Load(reader);
    }

    private static InvoiceRead ReadFacturX(byte[] bytes)
    {
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        if (pdf.Advanced.TryGetEmbeddedFiles(out var files))
        {
            foreach (var file in files)
            {
                var name = file.Name ?? file.FileSpecification ?? "";
                if (!name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                    continue;
                var xml = file.Bytes.ToArray();
                var kind = ImportFiles.Detect(xml);
                if (kind is FileKind.CiiXml or FileKind.UblXml)
                    return ReadXml(FileKind.FacturXPdf, xml) with { Kind = FileKind.FacturXPdf };
            }
        }

        return new InvoiceRead(FileKind.PdfWithoutInvoice, [], [], FileProblem.PdfWithoutXml);
    }

    /// <summary>CII (Factur-X, ZUGFeRD) or UBL: number, type (381 = credit note), dates, buyer, SIREN, e-mail, amount due, reference.</summary>
    private static InvoiceRead ReadXml(FileKind kind, byte[] bytes)
    {
        var doc = SafeXml(bytes);
        var root = doc.Root ?? throw new InvalidDataException("empty XML");
        string? First(XElement scope, params string[] path)
        {
            IEnumerable<XElement> current = [scope];
            foreach (var step in path)
                current = current.SelectMany(e => e.Descendants().Where(d => d.Name.LocalName == step));
            return current.Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);
        }

        var cii = root.Name.LocalName == "CrossIndustryInvoice";
        string? number, type, issueRaw, dueRaw, buyer, siren, email, amount, currency, reference;
        if (cii)
        {
            var header = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "ExchangedDocument") ?? root;
            number = First(header, "ID");
            type = First(header, "TypeCode");
            issueRaw = First(header, "IssueDateTime", "DateTimeString");
            dueRaw = First(root, "SpecifiedTradePaymentTerms", "DueDateDateTime", "DateTimeString");
            var buyerParty = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "BuyerTradeParty");
            buyer = buyerParty is null ? null : buyerParty.Elements().FirstOrDefault(e => e.Name.LocalName == "Name")?.Value.Trim();
            siren = buyerParty is null ? null : First(buyerParty, "SpecifiedLegalOrganization", "ID") ?? buyerParty.Descendants().FirstOrDefault(e => e.Name.LocalName == "GlobalID" && (string?)e.Attribute("schemeID") == "0002")?.Value;
            email = buyerParty is null ? null : First(buyerParty, "URIUniversalCommunication", "URIID");
            amount = First(root, "SpecifiedTradeSettlementHeaderMonetarySummation", "DuePayableAmount") ?? First(root, "SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount");
            currency = First(root, "ApplicableHeaderTradeSettlement", "InvoiceCurrencyCode");
            reference = First(root, "ApplicableHeaderTradeSettlement", "PaymentReference");
        }
        else
        {
            number = root.Elements().FirstOrDefault(e => e.Name.LocalName == "ID")?.Value.Trim();
            type = root.Elements().FirstOrDefault(e => e.Name.LocalName is "InvoiceTypeCode" or "CreditNoteTypeCode")?.Value.Trim() ?? (root.Name.LocalName == "CreditNote" ? "381" : "380");
            issueRaw = root.Elements().FirstOrDefault(e => e.Name.LocalName == "IssueDate")?.Value.Trim();
            dueRaw = root.Elements().FirstOrDefault(e => e.Name.LocalName == "DueDate")?.Value.Trim() ?? First(root, "PaymentMeans", "PaymentDueDate");
            var buyerParty = root.Elements().FirstOrDefault(e => e.Name.LocalName == "AccountingCustomerParty");
            buyer = buyerParty is null ? null : First(buyerParty, "PartyLegalEntity", "RegistrationName") ?? First(buyerParty, "PartyName", "Name");
            siren = buyerParty is null ? null : First(buyerParty, "PartyLegalEntity", "CompanyID");
            email = buyerParty is null ? null : First(buyerParty, "Contact", "ElectronicMail");
            amount = First(root, "LegalMonetaryTotal", "PayableAmount");
            currency = root.Elements().FirstOrDefault(e => e.Name.LocalName == "DocumentCurrencyCode")?.Value.Trim();
            reference = First(root, "PaymentMeans", "PaymentID");
        }

        var errors = new List<RowError>();
        if (string.IsNullOrWhiteSpace(buyer))
            errors.Add(new RowError(1, RowProblem.NoClient));
        long cents = 0;
        if (amount is null || !TryAmount(amount, out cents, out _))
            errors.Add(new RowError(1, amount is null ? RowProblem.NoAmount : RowProblem.BadAmount, amount));
        var issue = issueRaw is null ? null : TryDate(issueRaw);
        var due = dueRaw is null ? null : TryDate(dueRaw);
        if (issue is null && due is null)
            errors.Add(new RowError(1, RowProblem.NoDate));
        if (errors.Count > 0)
            return new InvoiceRead(kind, [], errors);
        var sirenDigits = siren is null ? null : new string([.. siren.Where(char.IsAsciiDigit)]) is { Length: 9 or 14 } d ? d[..9] : null;
        var row = new ImportedInvoice(1, number, buyer!, sirenDigits, email, issue ?? due!.Value, due ?? issue!.Value.AddDays(30), Math.Abs(cents),
            string.IsNullOrWhiteSpace(currency) ? "EUR" : currency.ToUpperInvariant(), type is "381" or "396" or "261" || cents < 0, due is null, reference);
        return new InvoiceRead(kind, [row], []);
    }
}
