namespace Recouvrement.Skills.Assistant;

/// <summary>
/// The optional language model (section <c>Llm</c>). Without an endpoint and a model the deterministic path is the
/// whole product; <c>Llm__ApiKey</c> comes from the environment or user-secrets, never appsettings.json.
/// </summary>
public sealed class AssistantOptions
{
    public const string Section = "Llm";

    /// <summary>Any OpenAI-compatible base address, e.g. https://api.openai.com/v1 or http://localhost:11434/v1.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>One whole model exchange (tool call included) must finish within this, or the deterministic answer is used.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Tokens an owner may spend per day (their day); past it the model is not called until tomorrow.</summary>
    public int DailyTokenBudget { get; set; } = 50_000;

    /// <summary>Earlier messages of the conversation sent along for context.</summary>
    public int HistoryMessages { get; set; } = 6;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);
}
