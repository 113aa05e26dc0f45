using Recouvrement.Skills.Import;

namespace Recouvrement.Tests.Import;

public sealed class BankFilesTests
{
    [Fact]
    public void Read_Ofx1Sgml_CreditsDebitsDatesAndFitids()
    {
        var read = BankFiles.Read(Samples.Utf8(Samples.Ofx1));

        Assert.Equal(FileKind.Ofx, read.Kind);
        Assert.Equal([120050L, 35000L, -4510L, 9900L], read.Lines.Select(l => l.AmountCents).ToArray());
        Assert.Equal("ofx:A1", read.Lines[0].Key);
        Assert.Equal(new DateOnly(2026, 11, 21), read.Lines[1].Date);
        Assert.Contains("F-2026-041", read.Lines[0].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Ofx2Xml_ReadsTheSameFields()
    {
        var read = BankFiles.Read(Samples.Utf8(Samples.Ofx2));

        Assert.Equal([("ofx:X1", 120050L), ("ofx:X2", -1200L)], read.Lines.Select(l => (l.Key, l.AmountCents)).ToArray());
    }

    [Fact]
    public void Read_Cfonb120_SignedAmountsLabelComplementAndEntryKey()
    {
        var text = string.Join("\r\n",
            Samples.CfonbRecord("01", new DateOnly(2026, 11, 1), 0, "SOLDE"),
            Samples.CfonbRecord("04", new DateOnly(2026, 11, 20), 120050, "VIR SEPA DUPONT SARL", "0000042"),
            Samples.CfonbRecord("05", new DateOnly(2026, 11, 20), 0, "REF F-2026-041"),
            Samples.CfonbRecord("04", new DateOnly(2026, 11, 21), -4519, "PRLV EDF", "0000043"),
            Samples.CfonbRecord("07", new DateOnly(2026, 11, 30), 0, "SOLDE"));

        var read = BankFiles.Read(Samples.Utf8(text));

        Assert.Equal(FileKind.Cfonb120, read.Kind);
        Assert.Equal([120050L, -4519L], read.Lines.Select(l => l.AmountCents).ToArray());
        Assert.Contains("REF F-2026-041", read.Lines[0].Label, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 11, 20), read.Lines[0].Date);
        Assert.NotEqual(read.Lines[0].Key, read.Lines[1].Key);
    }

    [Theory]
    [InlineData("0000000012345{", 2, 123450L)]
    [InlineData("0000000012345E", 2, 123455L)]
    [InlineData("0000000012345}", 2, -123450L)]
    [InlineData("0000000012345N", 2, -123455L)]
    [InlineData("0000000000001A", 0, 1100L)]
    [InlineData("00000000000012", 2, null)]
    public void SignedAmount_CfonbCoding_Decoded(string field, int decimals, long? expected) =>
        Assert.Equal(expected, BankFiles.SignedAmount(field, decimals));

    [Fact]
    public void Read_Camt053_CreditWithDebtorNameIbanAndRemittance()
    {
        var read = BankFiles.Read(Samples.Utf8(Samples.Camt()));

        Assert.Equal(FileKind.Camt053, read.Kind);
        var credit = read.Lines[0];
        Assert.Equal(("camt:BANKREF-001", 78000L, "CABINET ROUX SARL", "FR7630004000031234567890143"), (credit.Key, credit.AmountCents, credit.Payer, credit.Iban));
        Assert.Contains("UBL-12", credit.Label, StringComparison.Ordinal);
        Assert.Equal(-6000, read.Lines[1].AmountCents);
    }

    [Fact]
    public void Read_FrenchBankCsv_DebitCreditColumnsAndStableKeysForTwinLines()
    {
        var csv = "Compte courant n° 123\nDate;Libellé;Débit;Crédit\n20/11/2026;VIR SEPA DUPONT SARL REF F-2026-041;;1 200,50\n21/11/2026;CB CARREFOUR;23,10;\n22/11/2026;VIR ALPHA;;50,00\n22/11/2026;VIR ALPHA;;50,00\n";

        var first = BankFiles.Read(Samples.Utf8(csv));
        var again = BankFiles.Read(Samples.Utf8(csv));

        Assert.Equal(FileKind.BankCsv, first.Kind);
        Assert.Equal([120050L, -2310L, 5000L, 5000L], first.Lines.Select(l => l.AmountCents).ToArray());
        Assert.NotEqual(first.Lines[2].Key, first.Lines[3].Key);
        Assert.Equal(first.Lines.Select(l => l.Key), again.Lines.Select(l => l.Key));
    }

    [Fact]
    public void Read_CamtWithExternalEntity_Refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt>&x;</BkToCstmrStmt></Document>";

        Assert.Equal(FileProblem.ForbiddenXml, BankFiles.Read(Samples.Utf8(xml)).Problem);
    }
}
