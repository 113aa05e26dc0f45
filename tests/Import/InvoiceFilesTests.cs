using System.Text;
using Recouvrement.Skills.Import;

namespace Recouvrement.Tests.Import;

public sealed class InvoiceFilesTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Theory]
    [InlineData(";", ",", "1 200,50 €")]
    [InlineData(",", ".", "\"1,200.50\"")]
    [InlineData("\t", ",", "1200,50")]
    public void Read_CsvAnySeparator_ReadsNumberClientDatesAmountEmailSiren(string sep, string _, string amount)
    {
        var csv = string.Join("\n",
            string.Join(sep, "Numéro", "Client", "Date", "Échéance", "Montant TTC", "Email", "SIREN"),
            string.Join(sep, "F-2026-041", "Dupont SARL", "01/10/2026", "31/10/2026", amount, "compta@dupont.fr", "552 100 554"));

        var read = InvoiceFiles.Read(Samples.Utf8(csv), Today);

        Assert.Null(read.Problem);
        var row = Assert.Single(read.Rows);
        Assert.Equal(("F-2026-041", "Dupont SARL", 120050L), (row.Number, row.Client, row.AmountCents));
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), (row.IssueDate, row.DueDate));
        Assert.Equal(("compta@dupont.fr", "552100554"), (row.Email, row.Siren));
    }

    [Fact]
    public void Read_Windows1252WithEnglishHeadersAndTitleLines_DecodesAccentsAndFindsTheHeader()
    {
        var csv = "Export du 01/12/2026\n\nInvoice number;Customer;Invoice date;Due date;Amount\nA-1;Société Générale Ébénisterie;2026-11-02;2026-12-02;99.90\n";

        var read = InvoiceFiles.Read(Encoding.GetEncoding(1252).GetBytes(csv), Today);

        var row = Assert.Single(read.Rows);
        Assert.Equal("Société Générale Ébénisterie", row.Client);
        Assert.Equal(9990, row.AmountCents);
    }

    [Fact]
    public void Read_BadRows_ReportedByLineWithTheirReasonAndGoodRowsKept()
    {
        var csv = "Numéro;Client;Date;Échéance;Montant\nF-1;Alpha;01/10/2026;;100\nF-2;;01/10/2026;;100\nF-3;Beta;05/13/2026;;100\nF-1;Gamma;01/10/2026;;100\nF-4;Delta;01/10/2026;;douze\nF-5;Epsilon;;;100\n";

        var read = InvoiceFiles.Read(Samples.Utf8(csv), Today);

        var row = Assert.Single(read.Rows);
        Assert.True(row.DueAssumed);
        Assert.Equal(new DateOnly(2026, 10, 31), row.DueDate);
        Assert.Equal(
            [(3, RowProblem.NoClient), (4, RowProblem.BadDate), (5, RowProblem.DuplicateInFile), (6, RowProblem.BadAmount), (7, RowProblem.NoDate)],
            read.Errors.Select(e => (e.Line, e.Problem)).ToArray());
    }

    [Fact]
    public void Read_Xlsx_ReadsRowsLikeACsv()
    {
        var path = Path.Combine(Path.GetTempPath(), $"recouvrement-{Guid.NewGuid():N}.xlsx");
        try
        {
            MiniExcelLibs.MiniExcel.SaveAs(path, new[]
            {
                new Dictionary<string, object> { ["N° facture"] = "X-7", ["Client"] = "Hotel du Parc", ["Date"] = new DateTime(2026, 11, 3), ["Montant TTC"] = 1500.25m },
            });

            var read = InvoiceFiles.Read(File.ReadAllBytes(path), Today);

            Assert.Equal(FileKind.InvoiceXlsx, read.Kind);
            var row = Assert.Single(read.Rows);
            Assert.Equal(("X-7", "Hotel du Parc", 150025L, new DateOnly(2026, 11, 3)), (row.Number, row.Client, row.AmountCents, row.IssueDate));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_CiiXml_ReadsBuyerSirenEmailDatesAmountAndReference()
    {
        var read = InvoiceFiles.Read(Samples.Utf8(Samples.Cii), Today);

        Assert.Equal(FileKind.CiiXml, read.Kind);
        var row = Assert.Single(read.Rows);
        Assert.Equal(("FX-2026-7", "Garage Petit SAS", "552100554", "compta@garage-petit.fr"), (row.Number, row.Client, row.Siren, row.Email));
        Assert.Equal((new DateOnly(2026, 11, 5), new DateOnly(2026, 12, 5), 240000L, "RF18539007547034"), (row.IssueDate, row.DueDate, row.AmountCents, row.PaymentReference));
    }

    [Fact]
    public void Read_UblInvoiceAndCreditNote_TypeCodeDecides()
    {
        var invoice = Assert.Single(InvoiceFiles.Read(Samples.Utf8(Samples.Ubl()), Today).Rows);
        var credit = Assert.Single(InvoiceFiles.Read(Samples.Utf8(Samples.Ubl("CreditNote", "381")), Today).Rows);

        Assert.Equal(("UBL-12", "Cabinet Roux SARL", "732829320", 78000L, false), (invoice.Number, invoice.Client, invoice.Siren, invoice.AmountCents, invoice.CreditNote));
        Assert.True(credit.CreditNote);
    }

    [Fact]
    public void Read_FacturXPdf_ReadsTheEmbeddedXml()
    {
        var read = InvoiceFiles.Read(Samples.Pdf(Samples.Cii), Today);

        Assert.Equal(FileKind.FacturXPdf, read.Kind);
        Assert.Equal("FX-2026-7", Assert.Single(read.Rows).Number);
    }

    [Fact]
    public void Read_PdfWithoutXml_SaysSoAndReadsNothing()
    {
        var read = InvoiceFiles.Read(Samples.Pdf(null), Today);

        Assert.Equal(FileProblem.PdfWithoutXml, read.Problem);
        Assert.Empty(read.Rows);
    }

    [Fact]
    public void Read_XmlWithExternalEntity_RefusedWithoutResolvingIt()
    {
        var read = InvoiceFiles.Read(Samples.Utf8(Samples.Xxe), Today);

        Assert.Equal(FileProblem.ForbiddenXml, read.Problem);
        Assert.Empty(read.Rows);
    }

    [Theory]
    [InlineData("", FileProblem.Empty)]
    [InlineData("   \n", FileProblem.Empty)]
    [InlineData("bonjour, ceci est une lettre", FileProblem.Unknown)]
    [InlineData("<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:x\"><rsm:ExchangedDocument><ram:ID", FileProblem.Unreadable)]
    [InlineData("%PDF-1.7\n1 0 obj << /Type /Cat", FileProblem.Unreadable)]
    public void Read_EmptyUnknownOrTruncated_ClearProblemAndNoRows(string content, FileProblem expected)
    {
        var read = InvoiceFiles.Read(Samples.Utf8(content), Today);

        Assert.Equal(expected, read.Problem);
        Assert.Empty(read.Rows);
    }

    [Fact]
    public void Read_OverTwentyMegabytes_TooLarge()
    {
        var read = InvoiceFiles.Read(new byte[ImportFiles.MaxBytes + 1], Today);

        Assert.Equal(FileProblem.TooLarge, read.Problem);
    }
}
