using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Conversation;

/// <summary>
/// A multi-turn conversation owned by one skill: its typed state (<see cref="StateType"/>), the answers to its questions
/// and the buttons that act on its state. Adding a flow means adding it to its skill's <see cref="ISkill.Map"/>.
/// </summary>
public interface IFlow
{
    /// <summary>The discriminator stored with the state.</summary>
    string Name { get; }

    Type StateType { get; }

    /// <summary>The property that held this state in the earlier stored shape, so those states still load.</summary>
    string? LegacyProperty => null;

    /// <summary>The owner's text as the answer to the question asked; null when it is something else (a new request).</summary>
    Task<Outcome?> AnswerAsync(TurnContext ctx, DialogState state, string text, Recognition recognition);

    /// <summary>A button acting on this flow's state; null when the action is not this flow's.</summary>
    Task<Outcome?> PressAsync(TurnContext ctx, DialogState state, Choice choice);

    /// <summary>What is in progress, in a few words (« la facture Sanitaires Leroy 900,00 € »).</summary>
    string Describe(TurnContext ctx, FlowState entry);
}

/// <summary>A button action that does not depend on a flow in progress (undo, approve a proposal…).</summary>
public delegate Task<Outcome> ButtonHandler(TurnContext ctx, DialogState state, Choice choice);

/// <summary>A single-shot request: the recognized intent and the owner's text.</summary>
public delegate Task<Outcome> IntentHandler(TurnContext ctx, Recognition recognition, string text);

/// <summary>One skill's contribution to the router: its intents, its flows, its buttons.</summary>
public interface ISkill
{
    void Map(SkillMap map);
}

/// <summary>What the router dispatches to, filled by each skill; a name registered twice is a startup error.</summary>
public sealed class SkillMap
{
    private readonly Dictionary<string, IntentHandler> _intents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ButtonHandler> _buttons = new(StringComparer.Ordinal);
    private readonly List<IFlow> _flows = [];

    /// <summary>Intents that only read: a question asked while an entry waits keeps the entry.</summary>
    public HashSet<string> ReadOnlyIntents { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<IFlow> Flows => _flows;

    public SkillMap Intent(string intent, IntentHandler handler, bool readOnly = false)
    {
        _intents.Add(intent, handler);
        if (readOnly)
            ReadOnlyIntents.Add(intent);
        return this;
    }

    /// <summary>Buttons that stay valid while the owner only asks questions (the undo of the last write).</summary>
    public HashSet<string> SurvivesReads { get; } = new(StringComparer.Ordinal);

    public SkillMap Button(string action, ButtonHandler handler, bool survivesReads = false)
    {
        _buttons.Add(action, handler);
        if (survivesReads)
            SurvivesReads.Add(action);
        return this;
    }

    public SkillMap Flow(IFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        _flows.Add(flow);
        return this;
    }

    public IntentHandler? IntentFor(string intent) => _intents.GetValueOrDefault(intent);

    public ButtonHandler? ButtonFor(string action) => _buttons.GetValueOrDefault(action);

    public IFlow? FlowFor(FlowState? entry) => entry is null ? null : _flows.FirstOrDefault(f => f.StateType == entry.GetType());

    public static SkillMap Build(params ISkill[] skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        var map = new SkillMap();
        foreach (var skill in skills)
            skill.Map(map);
        return map;
    }
}
