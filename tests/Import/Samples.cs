using System.Globalization;
using System.Text;

namespace Recouvrement.Tests.Import;

/// <summary>Files as banks and invoicing tools write them, built here so each test says what it feeds.</summary>
internal static class Samples
{
    public const string Cii = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
          <rsm:ExchangedDocument><ram:ID>FX-2026-7</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">20261105</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
          <rsm:SupplyChainTradeTransaction>
            <ram:ApplicableHeaderTradeAgreement><ram:BuyerTradeParty><ram:Name>Garage Petit SAS</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">552100554</ram:ID></ram:SpecifiedLegalOrganization><ram:URIUniversalCommunication><ram:URIID schemeID="EM">compta@garage-petit.fr</ram:URIID></ram:URIUniversalCommunication></ram:BuyerTradeParty></ram:ApplicableHeaderTradeAgreement>
            <ram:ApplicableHeaderTradeSettlement><ram:PaymentReference>RF18539007547034</ram:PaymentReference><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
              <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20261205</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
              <ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:GrandTotalAmount>2400.00</ram:GrandTotalAmount><ram:DuePayableAmount>2400.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>
            </ram:ApplicableHeaderTradeSettlement>
          </rsm:SupplyChainTradeTransaction>
        </rsm:CrossIndustryInvoice>
        """;

    public static string Ubl(string root = "Invoice", string type = "380") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:ID>UBL-12</cbc:ID><cbc:IssueDate>2026-11-02</cbc:IssueDate><cbc:DueDate>2026-12-02</cbc:DueDate><cbc:{root}TypeCode>{type}</cbc:{root}TypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
          <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>Cabinet Roux</cbc:Name></cac:PartyName><cac:PartyLegalEntity><cbc:RegistrationName>Cabinet Roux SARL</cbc:RegistrationName><cbc:CompanyID schemeID="0002">732829320</cbc:CompanyID></cac:PartyLegalEntity><cac:Contact><cbc:ElectronicMail>roux@example.fr</cbc:ElectronicMail></cac:Contact></cac:Party></cac:AccountingCustomerParty>
          <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">780.00</cbc:PayableAmount></cac:LegalMonetaryTotal>
        </{root}>
        """;

    public const string Xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>&xxe;</cbc:ID></Invoice>
        """;

    /// <summary>A PDF/A-3-like file with the XML attached as an embedded file (the Factur-X layout), or without it.</summary>
    public static byte[] Pdf(string? embeddedXml, string name = "factur-x.xml")
    {
        var xml = embeddedXml is null ? null : Encoding.UTF8.GetBytes(embeddedXml);
        var objects = new List<byte[]>
        {
            Ascii(embeddedXml is null
                ? "<< /Type /Catalog /Pages 2 0 R >>"
                : $"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [({name}) 5 0 R] >> >> /AF [5 0 R] >>"),
            Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
        };
        if (xml is not null)
        {
            objects.Add([.. Ascii($"<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length {xml.Length} >>\nstream\n"), .. xml, .. Ascii("\nendstream")]);
            objects.Add(Ascii($"<< /Type /Filespec /F ({name}) /UF ({name}) /EF << /F 4 0 R >> /AFRelationship /Data >>"));
        }

        var pdf = new MemoryStream();
        pdf.Write(Ascii("%PDF-1.7\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Ascii($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Ascii("\nendobj\n"));
        }

        var xref = pdf.Position;
        var sb = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
            sb.Append(o.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        sb.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Ascii(sb.ToString()));
        return pdf.ToArray();
    }

    public const string Ofx1 = """
        OFXHEADER:100
        DATA:OFXSGML
        VERSION:102

        <OFX>
        <BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR
        <BANKTRANLIST>
        <STMTTRN>
        <TRNTYPE>CREDIT
        <DTPOSTED>20261120
        <TRNAMT>1200.50
        <FITID>A1
        <NAME>VIR SEPA DUPONT SARL
        <MEMO>REF F-2026-041
        </STMTTRN>
        <STMTTRN>
        <TRNTYPE>CREDIT
        <DTPOSTED>20261121120000
        <TRNAMT>350,00
        <FITID>A2
        <NAME>CABINET ROUX
        <MEMO>FACTURE OCTOBRE
        </STMTTRN>
        <STMTTRN>
        <TRNTYPE>DEBIT
        <DTPOSTED>20261122
        <TRNAMT>-45.10
        <FITID>A3
        <NAME>EDF
        </STMTTRN>
        <STMTTRN>
        <TRNTYPE>CREDIT
        <DTPOSTED>20261123
        <TRNAMT>99.00
        <FITID>A4
        <NAME>INCONNU SAS
        </STMTTRN>
        </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
        """;

    public const string Ofx2 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
        <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR</CURDEF><BANKTRANLIST>
        <STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20261120</DTPOSTED><TRNAMT>1200.50</TRNAMT><FITID>X1</FITID><NAME>DUPONT SARL</NAME><MEMO>F-2026-041</MEMO></STMTTRN>
        <STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20261121</DTPOSTED><TRNAMT>-12.00</TRNAMT><FITID>X2</FITID><NAME>FRAIS</NAME></STMTTRN>
        </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
        """;

    /// <summary>One CFONB 120 record: fields at their positions, the amount sign-coded in its last character.</summary>
    public static string CfonbRecord(string code, DateOnly date, long cents, string label, string entry = "0000001", string reference = "")
    {
        var line = new char[120];
        Array.Fill(line, ' ');
        void Put(int start, string value) => value.CopyTo(0, line, start, Math.Min(value.Length, 120 - start));
        Put(0, code);
        Put(2, "30004");
        Put(6, "0568");
        Put(11, "00123");
        Put(16, "EUR");
        Put(19, "2");
        Put(21, "00012345678");
        Put(32, "05");
        Put(34, date.ToString("ddMMyy", CultureInfo.InvariantCulture));
        Put(42, date.ToString("ddMMyy", CultureInfo.InvariantCulture));
        if (code == "05")
        {
            Put(45, "LIB");
            Put(48, label);
        }
        else
        {
            Put(48, label.PadRight(31)[..31]);
            Put(81, entry);
            var abs = Math.Abs(cents);
            var digits = abs.ToString("D14", CultureInfo.InvariantCulture);
            var last = digits[^1] - '0';
            var sign = cents >= 0 ? (last == 0 ? '{' : (char)('A' + last - 1)) : (last == 0 ? '}' : (char)('J' + last - 1));
            Put(90, digits[..^1] + sign);
            Put(104, reference);
        }

        return new string(line);
    }

    public static string Camt(string iban = "FR7630004000031234567890143") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
          <BkToCstmrStmt><Stmt><Id>S1</Id>
            <Ntry><NtryRef>1</NtryRef><Amt Ccy="EUR">780.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-25</Dt></BookgDt><AcctSvcrRef>BANKREF-001</AcctSvcrRef>
              <NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>CABINET ROUX SARL</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>{iban}</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>PAIEMENT UBL-12</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
            <Ntry><NtryRef>2</NtryRef><Amt Ccy="EUR">60.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-26</Dt></BookgDt><AcctSvcrRef>BANKREF-002</AcctSvcrRef></Ntry>
          </Stmt></BkToCstmrStmt>
        </Document>
        """;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
