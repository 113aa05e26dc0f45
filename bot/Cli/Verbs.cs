namespace Recouvrement.Bot.Cli;

internal static class Verbs
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cli = CliArgs.Parse(args);
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        var now = cli.FixedNow() ?? DateTimeOffset.Now;
        var today = DateOnly.FromDateTime(now.DateTime);
        switch (cli.Verb)
        {
            case "parse":
                return await ParseVerb.RunAsync(cli, today, Console.In, Console.Out, cts.Token).ConfigureAwait(false);
            default:
                await Console.Error.WriteLineAsync($"Unknown verb '{cli.Verb}'.").ConfigureAwait(false);
                return 2;
        }
    }
}
