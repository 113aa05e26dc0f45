using System.Text;

namespace Recouvrement.Skills.Import;

/// <summary>What a file holds, recognised by its content, never by its name alone.</summary>
public enum FileKind
{
    Unknown,
    Empty,
    TooLarge,
    InvoiceCsv,
    InvoiceXlsx,
    FacturXPdf,
    PdfWithoutInvoice,
    CiiXml,
    UblXml,
    BankCsv,
    Ofx,
    Cfonb120,
    Camt053,
}

/// <summary>Recognises a file and decodes its text: UTF-8 (with or without BOM), else Windows-1252 / Latin-1.</summary>
public static class ImportFiles
{
    /// <summary>The largest file read: Telegram's own limit for a bot's download.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    static ImportFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static FileKind Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
            return FileKind.TooLarge;
        if (bytes.IsEmpty || bytes.TrimEnd(" \r\n\t"u8).IsEmpty)
            return FileKind.Empty;
        if (bytes.StartsWith("%PDF"u8))
            return FileKind.FacturXPdf; // whether it carries the invoice XML is known once it is opened
        if (bytes.StartsWith("PK\u0003\u0004"u8))
            return FileKind.InvoiceXlsx;
        var head = Decode(bytes[..Math.Min(bytes.Length, 4096)]);
        var trimmed = head.TrimStart();
        if (trimmed.StartsWith("OFXHEADER", StringComparison.OrdinalIgnoreCase) || trimmed.Contains("<OFX>", StringComparison.OrdinalIgnoreCase))
            return FileKind.Ofx;
        if (trimmed.StartsWith('<'))
        {
            if (trimmed.Contains("camt.053", StringComparison.Ordinal) || trimmed.Contains("BkToCstmrStmt", StringComparison.Ordinal))
                return FileKind.Camt053;
            if (trimmed.Contains("CrossIndustryInvoice", StringComparison.Ordinal))
                return FileKind.CiiXml;
            if (trimmed.Contains("urn:oasis:names:specification:ubl", StringComparison.Ordinal) || trimmed.Contains("<Invoice", StringComparison.Ordinal) || trimmed.Contains("<CreditNote", StringComparison.Ordinal))
                return FileKind.UblXml;
            return FileKind.Unknown;
        }

        if (IsCfonb(head))
            return FileKind.Cfonb120;
        if (head.Contains('\0', StringComparison.Ordinal))
            return FileKind.Unknown;
        return InvoiceFiles.LooksLikeInvoiceTable(head) ? FileKind.InvoiceCsv
            : BankFiles.LooksLikeStatementTable(head) ? FileKind.BankCsv
            : FileKind.Unknown;
    }

    /// <summary>CFONB 120: fixed lines of 120 characters, each opening with a record code 01, 04, 05 or 07.</summary>
    private static bool IsCfonb(string head)
    {
        var lines = head.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Take(3).ToList();
        if (lines.Count == 0)
            return false;
        // The last line of the 4 KB head may be cut: only whole lines count.
        var whole = lines.Count > 1 ? lines[..^1] : lines;
        return whole.All(l => l.Length == 120 && l[..2] is "01" or "04" or "05" or "07");
    }

    /// <summary>Text of a file: a UTF-8 BOM or valid UTF-8 is read as such, anything else as Windows-1252.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }
}
