using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Assistant;

/// <summary>
/// The optional model: routes a message the recognizer could not classify to one of the plugin's functions, and
/// polishes a draft's wording. Every failure (down, slow, over budget, odd answer) returns null and the caller gives
/// the deterministic answer; the model's words reach the owner only when they carry no figure.
/// </summary>
public sealed partial class LlmAssistant : IDisposable
{
    private readonly AssistantOptions _options;
    private readonly TemplateLibrary _templates;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<long, List<(bool User, string Text)>> _history = new();

    public LlmAssistant(AssistantOptions options, TemplateLibrary templates, ILogger<LlmAssistant>? logger = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _templates = templates;
        _logger = logger ?? NullLogger<LlmAssistant>.Instance;
        // Our own client: no IHttpClientFactory logging (it would log addresses), and its timeout rules the SDK's.
        _http = new HttpClient(new UsageMeter(handler ?? new SocketsHttpHandler()), disposeHandler: true)
        {
            Timeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)),
        };
    }

    public bool Enabled => _options.Enabled;

    /// <summary>"plus chaleureux", "plus ferme", "warmer", "firmer": true for warmer, false for firmer, null otherwise.</summary>
    public static bool? PolishDirection(string text)
    {
        var folded = new FoldedText(text ?? string.Empty).Folded;
        if (Firmer().IsMatch(folded))
            return false;
        return Warmer().IsMatch(folded) ? true : null;
    }

    public async Task<Outcome?> RouteAsync(TurnContext ctx, string text)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (!Enabled || !await WithinBudgetAsync(ctx).ConfigureAwait(false))
            return null;

        var plugin = new RecouvrementPlugin(ctx);
        var filter = new ApprovalFilter(ctx.Today);
        var kernel = Build();
        kernel.Plugins.AddFromObject(plugin, RecouvrementPlugin.Name);
        kernel.AutoFunctionInvocationFilters.Add(filter);

        var system = await _templates.RenderAsync($"assistant_{ctx.Lang}", new Dictionary<string, string>
        {
            ["owner_name"] = ctx.Owner.Name ?? ctx.T("l'entrepreneur", "the owner"),
            ["today"] = ctx.Date(ctx.Today),
        }, ctx.Ct).ConfigureAwait(false);
        var history = new ChatHistory(system);
        foreach (var (user, said) in Recent(ctx.Owner.Id))
        {
            if (user)
                history.AddUserMessage(said);
            else
                history.AddAssistantMessage(said);
        }

        history.AddUserMessage(text);
        var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), MaxTokens = 400, Temperature = 0 };
        var reply = await AskAsync(ctx, kernel, history, settings).ConfigureAwait(false);
        Outcome? outcome;
        if (filter.Proposal is { } proposal)
            outcome = Propose(ctx, proposal);
        else if (plugin.Answer is { } answer)
            outcome = answer;
        else
            outcome = reply is { Length: > 0 and <= 600 } && !reply.Any(char.IsDigit) ? Outcome.Say(Markup.Escape(reply)) : null;

        if (outcome is not null)
            Remember(ctx.Owner.Id, text, string.Join("\n", outcome.Replies.Select(r => Markup.ToPlain(r.Text))));
        return outcome;
    }

    /// <summary>
    /// Rewrites a pending draft warmer or firmer; the rewrite is kept only when its figures are the computed ones.
    /// Null when no pending draft matches, so "relance Dupont plus ferme" can still start a new draft.
    /// </summary>
    public async Task<Outcome?> PolishAsync(TurnContext ctx, string? clientName, bool warmer)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var pending = await ctx.Db.ReadAsync(s => s.Drafts.PendingAsync(ctx.Owner.Id), ctx.Ct).ConfigureAwait(false);
        var key = clientName is null ? null : TextKey.Key(clientName);
        var draft = pending.Where(d => key is null || (d.ClientName is not null && TextKey.Key(d.ClientName).Contains(key, StringComparison.Ordinal)))
            .OrderByDescending(d => d.CreatedAt).FirstOrDefault();
        if (draft is null)
            return null;

        if (!Enabled || !await WithinBudgetAsync(ctx).ConfigureAwait(false))
            return Outcome.Say(ctx.T("La retouche par le modèle de langue n'est pas disponible : le brouillon reste tel quel (bouton Modifier pour le changer vous-même).",
                "Rewording by the language model is not available: the draft stays as it is (use Edit to change it yourself)."));

        var lang = draft.Language == "en" ? "en" : "fr";
        var tone = ctx.Reminders.Options.Step(draft.Step)?.Tone ?? draft.Step;
        var prompt = await _templates.RenderAsync($"polish_{lang}", new Dictionary<string, string>
        {
            ["direction"] = (warmer, lang) switch { (true, "fr") => "plus chaleureux", (false, "fr") => "plus ferme", (true, _) => "warmer", _ => "firmer" },
            ["tone"] = tone,
            ["body"] = draft.Body,
        }, ctx.Ct).ConfigureAwait(false);
        var history = new ChatHistory();
        history.AddUserMessage(prompt);
        var rewritten = (await AskAsync(ctx, Build(), history, new OpenAIPromptExecutionSettings { MaxTokens = 1500, Temperature = 0.3 }).ConfigureAwait(false))?.Trim();

        if (string.IsNullOrEmpty(rewritten))
            return await Drafting.ShowAsync(ctx, draft, [], ctx.T("Le modèle de langue n'a pas répondu : le brouillon reste tel quel.", "The language model did not answer: the draft stays as it is.")).ConfigureAwait(false);
        if (!Figures.Same(draft.Body, rewritten) || rewritten.Length > Drafting.MaxBodyLength)
        {
            LogRejected(_logger, draft.Id);
            return await Drafting.ShowAsync(ctx, draft, [], ctx.T("La version retouchée changeait des montants, dates ou références : je l'ai écartée et garde le texte calculé.",
                "The reworded version changed amounts, dates or references: I discarded it and kept the computed text.")).ConfigureAwait(false);
        }

        var edited = await ctx.Db.WriteAsync(s => s.Drafts.EditAsync(ctx.Owner.Id, draft.Id, rewritten, "assistant", ctx.Now), ctx.Ct).ConfigureAwait(false);
        var fresh = await ctx.Db.ReadAsync(s => s.Drafts.GetAsync(ctx.Owner.Id, draft.Id), ctx.Ct).ConfigureAwait(false);
        if (!edited || fresh is null)
            return Outcome.Say(ctx.T("Ce brouillon n'est plus modifiable.", "This draft can no longer be edited."));
        return await Drafting.ShowAsync(ctx, fresh, [], warmer ? ctx.T("Version plus chaleureuse (chiffres vérifiés) :", "Warmer version (figures checked):") : ctx.T("Version plus ferme (chiffres vérifiés) :", "Firmer version (figures checked):")).ConfigureAwait(false);
    }

    public static Outcome NoDraftToPolish(TurnContext ctx) =>
        Outcome.Say(ctx.T("Aucun brouillon en attente à retoucher. Demandez d'abord une relance, par exemple « relance Dupont SARL ».",
            "No pending draft to rework. Ask for a reminder first, e.g. \"remind Acme Ltd\"."));

    public static Outcome Propose(TurnContext ctx, Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(proposal);
        var choices = new ChoiceSet().Add(ctx.T("Confirmer", "Confirm"), Proposal.Action, proposal.ToJson()).Add(ctx.T("Annuler", "Cancel"), "cancel").ToList();
        return Outcome.Ask(ctx.T("Je propose : ", "I suggest: ") + proposal.Describe(ctx) + ctx.T(" Je le fais ?", " Shall I?"), DialogState.Buttons(choices));
    }

    private Kernel Build()
    {
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion(_options.Model!, new Uri(_options.Endpoint!), string.IsNullOrEmpty(_options.ApiKey) ? null : _options.ApiKey, httpClient: _http);
        return builder.Build();
    }

    /// <summary>One exchange under the timeout and the meter; null on any failure.</summary>
    private async Task<string?> AskAsync(TurnContext ctx, Kernel kernel, ChatHistory history, OpenAIPromptExecutionSettings settings)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ctx.Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, _options.TimeoutSeconds)));
        var meter = new UsageMeter.Count();
        UsageMeter.Current.Value = meter;
        try
        {
            LogPrompt(_logger, history.Count > 0 ? history[^1].Content : null);
            var reply = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(history, settings, kernel, timeout.Token).ConfigureAwait(false);
            var text = reply.Role == AuthorRole.Assistant ? reply.Content : null;
            LogReply(_logger, text);
            return text;
        }
        catch (Exception ex) when (!ctx.Ct.IsCancellationRequested)
        {
            // Down, slow, refused or malformed: the deterministic answer stands. The exception text may quote the request, so Debug only.
            LogUnavailable(_logger, ex.GetType().Name);
            LogFailureDetail(_logger, ex);
            return null;
        }
        finally
        {
            UsageMeter.Current.Value = null;
            if (meter.Tokens > 0)
                await ctx.Db.WriteAsync(s => s.Usage.AddAsync(ctx.Owner.Id, ctx.Today, meter.Tokens), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<bool> WithinBudgetAsync(TurnContext ctx)
    {
        var used = await ctx.Db.ReadAsync(s => s.Usage.TokensAsync(ctx.Owner.Id, ctx.Today), ctx.Ct).ConfigureAwait(false);
        if (used < _options.DailyTokenBudget)
            return true;
        LogOverBudget(_logger, ctx.Owner.Id);
        return false;
    }

    private List<(bool User, string Text)> Recent(long ownerId)
    {
        var list = _history.GetOrAdd(ownerId, _ => []);
        lock (list)
            return [.. list];
    }

    private void Remember(long ownerId, string user, string answer)
    {
        var list = _history.GetOrAdd(ownerId, _ => []);
        lock (list)
        {
            list.Add((true, user));
            list.Add((false, answer.Length > 800 ? answer[..800] : answer));
            if (list.Count > _options.HistoryMessages)
                list.RemoveRange(0, list.Count - _options.HistoryMessages);
        }
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex(@"\b(plus (chaleureu|aimable|gentil|doux|douce|cordial|sympa|amical)|moins sec|warmer|friendlier|kinder|softer|nicer)")]
    private static partial Regex Warmer();

    [GeneratedRegex(@"\b(plus (ferme|sec|seche|direct|directe|severe|dur|dure|strict)|moins gentil|firmer|stronger|sterner|harsher|stricter)")]
    private static partial Regex Firmer();

    [LoggerMessage(EventId = 145, Level = LogLevel.Warning, Message = "Language model unavailable ({Error}); the deterministic answer was used")]
    private static partial void LogUnavailable(ILogger logger, string error);

    [LoggerMessage(EventId = 41, Level = LogLevel.Debug, Message = "Language model failure detail")]
    private static partial void LogFailureDetail(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 42, Level = LogLevel.Debug, Message = "Prompt to the language model: {Prompt}")]
    private static partial void LogPrompt(ILogger logger, string? prompt);

    [LoggerMessage(EventId = 43, Level = LogLevel.Debug, Message = "Reply from the language model: {Reply}")]
    private static partial void LogReply(ILogger logger, string? reply);

    [LoggerMessage(EventId = 44, Level = LogLevel.Information, Message = "Owner {OwnerId} reached the daily token budget; the model is not called until tomorrow")]
    private static partial void LogOverBudget(ILogger logger, long ownerId);

    [LoggerMessage(EventId = 45, Level = LogLevel.Warning, Message = "A reworded draft {DraftId} changed figures and was discarded")]
    private static partial void LogRejected(ILogger logger, long draftId);
}

/// <summary>Reads <c>usage.total_tokens</c> from each model answer for the turn in progress (flows with the call).</summary>
internal sealed class UsageMeter(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static readonly AsyncLocal<Count?> Current = new();

    public sealed class Count
    {
        private long _tokens;

        public long Tokens => Interlocked.Read(ref _tokens);

        public void Add(long tokens) => Interlocked.Add(ref _tokens, tokens);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (Current.Value is { } count && response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                if (doc.RootElement.TryGetProperty("usage", out var usage) && usage.TryGetProperty("total_tokens", out var total) && total.TryGetInt64(out var tokens))
                    count.Add(tokens);
            }
            catch (JsonException)
            {
                // Not ours to judge: the SDK reports the malformed answer.
            }
        }

        return response;
    }
}
