using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recouvrement.Skills.Conversation;

/// <summary>What the conversation waits for.</summary>
public enum Slot
{
    None,

    /// <summary>Only a button (or its number, or « oui »/« non ») answers.</summary>
    Choice,
    Client,
    Amount,
    DueDate,

    /// <summary>The new text of a draft (Modifier).</summary>
    DraftText,
}

/// <summary>
/// The typed state of a flow in progress. Each flow's record lives in its skill folder and is stored with a
/// discriminator (<c>$flow</c>) registered by that flow (see <see cref="SkillMap"/>).
/// </summary>
public abstract record FlowState;

/// <summary>What a conversation is waiting for; stored as JSON per conversation, so a restart loses nothing.</summary>
public sealed record DialogState
{
    /// <summary>The flow in progress (an invoice being entered, plan offers…), or null when only buttons are pending.</summary>
    public FlowState? Entry { get; init; }

    public Slot Awaiting { get; init; }

    /// <summary>The buttons last offered; a press or its number is looked up here.</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>Buttons only: the state of a reply whose buttons stay answerable.</summary>
    public static DialogState Buttons(IReadOnlyList<Choice> choices) => new() { Awaiting = Slot.Choice, Choices = choices };
}

/// <summary>A button's meaning: an action name (owned by one skill) and its argument.</summary>
public sealed record Choice(string Payload, string Label, string Action, string? Value = null);

/// <summary>Reads and writes dialog states with the discriminators the flows registered; reads states of earlier versions.</summary>
public sealed class DialogStore
{
    private readonly JsonSerializerOptions _json;
    private readonly IReadOnlyDictionary<string, Type> _legacy;

    public DialogStore(IEnumerable<IFlow> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var list = flows.ToList();
        var resolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type != typeof(FlowState))
                return;
            info.PolymorphismOptions = new System.Text.Json.Serialization.Metadata.JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$flow" };
            foreach (var flow in list)
                info.PolymorphismOptions.DerivedTypes.Add(new System.Text.Json.Serialization.Metadata.JsonDerivedType(flow.StateType, flow.Name));
        });
        _json = new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter<Slot>() },
        };
        _legacy = list.Where(f => f.LegacyProperty is not null).ToDictionary(f => f.LegacyProperty!, f => f.StateType, StringComparer.Ordinal);
    }

    public string ToJson(DialogState state) => JsonSerializer.Serialize(state, _json);

    /// <summary>The stored state; null when there is none; <paramref name="dropped"/> when one was stored but no longer reads.</summary>
    public DialogState? FromJson(string? json, out bool dropped)
    {
        dropped = false;
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("Flow", out _) || IsLegacy(doc.RootElement))
                return FromLegacy(doc.RootElement);
            return JsonSerializer.Deserialize<DialogState>(json, _json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            // A state written by another version that no longer reads: dropped, and the owner told in one line.
            dropped = true;
            return null;
        }
    }

    private static bool IsLegacy(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Awaiting", out var a) && a.ValueKind == JsonValueKind.String
        && a.GetString() is "choice" or "client" or "amount" or "due_date" or "draft_text";

    /// <summary>The shape stored before flows owned their state: {"Flow":…, "Awaiting":"amount", "Invoice":{…}, "Choices":[…]}.</summary>
    private DialogState FromLegacy(JsonElement root)
    {
        FlowState? entry = null;
        foreach (var (property, type) in _legacy)
        {
            if (root.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null)
                entry = (FlowState?)value.Deserialize(type, _json);
        }

        var awaiting = root.TryGetProperty("Awaiting", out var a) ? a.GetString() switch
        {
            "client" => Slot.Client,
            "amount" => Slot.Amount,
            "due_date" => Slot.DueDate,
            "draft_text" => Slot.DraftText,
            "choice" => Slot.Choice,
            _ => Slot.None,
        } : Slot.None;
        var choices = root.TryGetProperty("Choices", out var c) ? c.Deserialize<List<Choice>>(_json) ?? [] : [];
        return new DialogState { Entry = entry, Awaiting = awaiting, Choices = choices };
    }
}
