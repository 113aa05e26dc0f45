using Recouvrement.Skills.Reminders;

namespace Recouvrement.Tests.Reminders;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData("FR76 3000 6000 0112 3456 7890 189", true)]
    [InlineData("FR7630006000011234567890189", true)]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)]
    [InlineData("FR76 3000 6000 0112 3456 7890 180", false)]
    [InlineData("FR76", false)]
    public void ValidIban_Samples_ChecksMod97(string iban, bool valid) => Assert.Equal(valid, ClientCare.ValidIban(iban));

    [Theory]
    [InlineData("552100554", true)]
    [InlineData("732829320", true)]
    [InlineData("356000000", true)]
    [InlineData("552100555", false)]
    [InlineData("55210055", false)]
    [InlineData("55210055a", false)]
    public void ValidSiren_Samples_ChecksLuhn(string siren, bool valid) => Assert.Equal(valid, ClientCare.ValidSiren(siren));

    [Theory]
    [InlineData("compta@dupont.fr", true)]
    [InlineData("a.b+c@sub.example.com", true)]
    [InlineData("compta@@dupont", false)]
    [InlineData("compta@dupont", false)]
    [InlineData("Robert <r@x.fr>", false)]
    [InlineData("", false)]
    public void ValidEmail_Samples(string email, bool valid) => Assert.Equal(valid, ClientCare.ValidEmail(email));

    [Fact]
    public void FormatIban_Compact_GroupsByFour() => Assert.Equal("FR76 3000 6000 0112 3456 7890 189", ClientCare.FormatIban("fr7630006000011234567890189"));
}
