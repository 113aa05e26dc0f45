using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recouvrement.Skills.Conversation;

/// <summary>What a conversation is waiting for; stored as JSON per conversation, so a restart loses nothing.</summary>
public sealed record DialogState
{
    /// <summary>The use case in progress (log_invoice, record_payment), or null when only choices are pending.</summary>
    public string? Flow { get; init; }

    /// <summary>The slot asked for: client, amount, due_date; or "choice" when only a button answer fits.</summary>
    public string? Awaiting { get; init; }

    public PendingInvoice? Invoice { get; init; }
    public PendingPayment? Payment { get; init; }

    /// <summary>Payment plan offers waiting for the owner's choice.</summary>
    public PendingPlan? Plan { get; init; }

    /// <summary>The draft whose replacement text is awaited (Edit button).</summary>
    public long? DraftId { get; init; }

    /// <summary>The buttons last offered; a press or its number is looked up here.</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DialogState? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize<DialogState>(json, Json);
        }
        catch (JsonException)
        {
            // A state written by an older version that no longer reads: start afresh rather than fail the turn.
            return null;
        }
    }
}

/// <summary>A button's meaning: an action name and its argument.</summary>
public sealed record Choice(string Payload, string Label, string Action, string? Value = null);

public sealed record PendingInvoice
{
    public string? ClientName { get; init; }
    public long? ClientId { get; init; }
    public bool NewClientConfirmed { get; init; }
    public string? KindHint { get; init; }
    public long? AmountCents { get; init; }
    public string? Currency { get; init; }
    public DateOnly? DueDate { get; init; }
    public DateOnly? IssueDate { get; init; }
    public string? Number { get; init; }
    public bool TwinConfirmed { get; init; }

    /// <summary>The owner confirmed an amount far above their usual.</summary>
    public bool LargeConfirmed { get; init; }
}

public sealed record PendingPayment
{
    public string? ClientName { get; init; }
    public long? ClientId { get; init; }
    public string? Number { get; init; }
    public long? AmountCents { get; init; }
    public string? Currency { get; init; }
    public DateOnly? PaidOn { get; init; }

    /// <summary>Set once the owner picked the invoice, or "oldest first" (0).</summary>
    public long? InvoiceId { get; init; }
    public bool FullBalance { get; init; }

    /// <summary>The owner confirmed a second payment of the same amount on the same day.</summary>
    public bool TwinConfirmed { get; init; }
}

public sealed record PendingPlan
{
    public long ClientId { get; init; }
    public required string ClientName { get; init; }
    public long BalanceCents { get; init; }
    public required string Currency { get; init; }
    public required string InvoiceIds { get; init; }
    public IReadOnlyList<IReadOnlyList<Plans.Instalment>> Offers { get; init; } = [];
}
