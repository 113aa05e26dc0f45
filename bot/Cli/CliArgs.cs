using System.Globalization;

namespace Recouvrement.Bot.Cli;

/// <summary>The verb, its positional arguments and its --options (as given on the command line).</summary>
internal sealed record CliArgs(string Verb, IReadOnlyList<string> Positional, IReadOnlyDictionary<string, string> Options)
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "json", "help", "scheduler", "yes", "import", "load" };

    public static CliArgs Parse(string[] args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var name = a[2..];
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                    options[name[..eq]] = name[(eq + 1)..];
                else if (Flags.Contains(name) || i + 1 >= args.Length)
                    options[name] = "true";
                else
                    options[name] = args[++i];
            }
            else
            {
                positional.Add(a);
            }
        }

        var verb = positional.Count > 0 ? positional[0] : "run";
        return new CliArgs(verb, positional.Skip(1).ToList(), options);
    }

    public string? Option(string name) => Options.TryGetValue(name, out var v) ? v : null;

    /// <summary>--now wins over --today; otherwise the real clock.</summary>
    public DateTimeOffset? FixedNow()
    {
        if (Option("now") is { } now)
            return DateTimeOffset.Parse(now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        if (Option("today") is { } today)
        {
            var d = DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            // Noon in Paris: "today" stays the same day in every European time zone.
            return new DateTimeOffset(d.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(1));
        }

        return null;
    }
}
