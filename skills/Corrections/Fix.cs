using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recouvrement.Skills.Corrections;

/// <summary>What a correction will do once the owner confirms it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FixKind>))]
public enum FixKind
{
    VoidPayment,
    CancelInvoice,
    CorrectInvoice,
    ReplacePayment,

    /// <summary>Two names for one client: <see cref="Fix.FromClientId"/> merged into <see cref="Fix.ClientId"/>.</summary>
    MergeClients,
}

/// <summary>A correction held in the conversation until Confirm is pressed; every id is checked against the owner again then.</summary>
public sealed record Fix
{
    public const string Action = "fix_do";

    public required FixKind Kind { get; init; }
    public long? InvoiceId { get; init; }
    public long? PaymentId { get; init; }
    public long? AmountCents { get; init; }
    public DateOnly? DueDate { get; init; }
    public long? ClientId { get; init; }
    public string? ClientName { get; init; }
    public string? Number { get; init; }
    public long? FromClientId { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static Fix? FromJson(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Fix>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
