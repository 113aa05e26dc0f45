using System.Text.Json;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Tests.Understanding;

/// <summary>The recognizer against utterances.tsv: intent and the exact entities `parse` prints, today = 2026-11-23.</summary>
public sealed class RecognizerTableTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Recognizer Recognizer = new();

    public static TheoryData<string, string, string> Rows()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Understanding", "utterances.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var parts = line.Split('\t');
            data.Add(parts[0], parts[1], parts[2]);
        }

        return data;
    }

    [Fact]
    public void Rows_Table_HasAtLeast200Utterances() => Assert.True(Rows().Count >= 200, $"only {Rows().Count} rows");

    [Theory]
    [MemberData(nameof(Rows))]
    public void Recognize_Utterance_GivesExpectedIntentAndEntities(string utterance, string intent, string entities)
    {
        // Act
        var json = Recognizer.Recognize(utterance, Today).ToJson();

        // Assert
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(intent, doc.RootElement.GetProperty("intent").GetString());
        if (entities != "*")
        {
            using var expected = JsonDocument.Parse(entities);
            Assert.Equal(Canonical(expected.RootElement), Canonical(doc.RootElement.GetProperty("entities")));
        }
    }

    [Fact]
    public void ToJson_Output_HasExactlyIntentAndEntities()
    {
        var json = Recognizer.Recognize("Facture Dupont SARL 1 200,50 € échéance 15/12", Today).ToJson();

        Assert.Equal("""{"intent":"log_invoice","entities":{"client":"Dupont SARL","amount":1200.5,"currency":"EUR","due_date":"2026-12-15"}}""", json);
    }

    private static string Canonical(JsonElement e) =>
        string.Join(",", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetRawText()}"));
}
