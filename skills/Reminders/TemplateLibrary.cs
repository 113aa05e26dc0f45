using System.Collections.Concurrent;
using Microsoft.SemanticKernel;

namespace Recouvrement.Skills.Reminders;

/// <summary>
/// The message templates of prompts/ (Semantic Kernel prompt directories), rendered by Semantic Kernel's own
/// template engine with no model call. Values are inserted as they are (no HTML encoding: these are emails and
/// letters, not chat prompts); the caller escapes owner-typed text for the light markup.
/// </summary>
public sealed class TemplateLibrary(string root)
{
    private static readonly Kernel Kernel = new();
    private static readonly KernelPromptTemplateFactory Factory = new() { AllowDangerouslySetContent = true };
    private readonly ConcurrentDictionary<string, (PromptTemplateConfig Config, IPromptTemplate Template)> _cache = new(StringComparer.Ordinal);

    public string Root { get; } = root;

    /// <summary>The prompts folder next to the binary, or the repository's when running from a source tree.</summary>
    public static TemplateLibrary FindDefault()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "prompts");
            if (File.Exists(Path.Combine(candidate, "reminder_friendly_fr", "skprompt.txt")))
                return new TemplateLibrary(candidate);
        }

        throw new DirectoryNotFoundException("The prompts folder (message templates) was not found next to the binary or above it.");
    }

    public IReadOnlyList<string> Names() =>
        [.. Directory.GetDirectories(Root).Where(d => File.Exists(Path.Combine(d, "skprompt.txt"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public PromptTemplateConfig Config(string name) => Load(name).Config;

    public async Task<string> RenderAsync(string name, IReadOnlyDictionary<string, string> variables, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var (config, template) = Load(name);
        var missing = config.InputVariables.Where(v => v.IsRequired && !variables.ContainsKey(v.Name)).Select(v => v.Name).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"Template {name} needs {string.Join(", ", missing)}.", nameof(variables));
        var arguments = new KernelArguments();
        foreach (var (key, value) in variables)
            arguments[key] = value;
        var text = await template.RenderAsync(Kernel, arguments, ct).ConfigureAwait(false);
        return CollapseBlankLines(text);
    }

    private (PromptTemplateConfig Config, IPromptTemplate Template) Load(string name) =>
        _cache.GetOrAdd(name, n =>
        {
            var dir = Path.Combine(Root, n);
            var config = PromptTemplateConfig.FromJson(File.ReadAllText(Path.Combine(dir, "config.json")));
            config.Template = File.ReadAllText(Path.Combine(dir, "skprompt.txt"));
            return (config, Factory.Create(config));
        });

    // An empty optional paragraph (no penalties for a consumer, say) must not leave a hole in the letter.
    private static string CollapseBlankLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var kept = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0 && kept.Count > 0 && kept[^1].Trim().Length == 0)
                continue;
            kept.Add(line.TrimEnd());
        }

        return string.Join('\n', kept).Trim();
    }
}
