using Recouvrement.Skills.Understanding;

namespace Recouvrement.Bot.Cli;

/// <summary>`parse ["text"]`: the recognizer's JSON, one line per utterance.</summary>
internal static class ParseVerb
{
    public static async Task<int> RunAsync(CliArgs args, DateOnly today, TextReader input, TextWriter output, CancellationToken ct)
    {
        var recognizer = new Recognizer();
        if (args.Positional.Count > 0)
        {
            await output.WriteLineAsync(recognizer.Recognize(string.Join(' ', args.Positional), today).ToJson()).ConfigureAwait(false);
            return 0;
        }

        while (await input.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            await output.WriteLineAsync(recognizer.Recognize(line, today).ToJson()).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
        return 0;
    }
}
