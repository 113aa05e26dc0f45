using Microsoft.Extensions.Configuration;
using Recouvrement.Bot.Hosting;

namespace Recouvrement.Tests.Cli;

/// <summary>A bad configuration value is refused at start with one line naming the key and what is allowed.</summary>
public sealed class OptionsRulesTests
{
    private static IReadOnlyList<string> Check(params (string Key, string Value)[] values) =>
        OptionsRules.Check(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Theory]
    [InlineData("Plans:MaxMonths", "0", "Plans:MaxMonths=0 is not allowed: from 1 to 60.")]
    [InlineData("Reminders:SendHour", "25", "Reminders:SendHour=25 is not allowed: from 0 to 23.")]
    [InlineData("Scheduler:TickInterval", "-00:01:00", "Scheduler:TickInterval=-00:01:00 is not allowed")]
    [InlineData("Reminders:NoticeDeadlineDays", "3", "Reminders:NoticeDeadlineDays=3 is not allowed: from 8 to 60.")]
    [InlineData("Plans:MaxMonths", "abc", "'Plans:MaxMonths'")]
    public void Check_BadValue_NamesKeyAndAllowed(string key, string value, string expected) =>
        Assert.Contains(Check((key, value)), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Check_Defaults_AreAccepted() => Assert.Empty(Check());
}
