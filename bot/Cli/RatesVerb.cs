using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Recouvrement.Bot.Hosting;
using Recouvrement.Data;

namespace Recouvrement.Bot.Cli;

/// <summary>
/// `rates` lists the rate table; `rates set KIND YYYY-MM-DD PERCENT [source]` adds or corrects a half-year
/// (KIND: ecb_mro, legal_individual, legal_other; the date is 1 January or 1 July).
/// </summary>
internal static class RatesVerb
{
    public static async Task<int> RunAsync(CliArgs cli, TextWriter output, CancellationToken ct)
    {
        using var host = BotHost.CreateBuilder(cli).Build();
        var db = host.Services.GetRequiredService<Database>();
        await db.MigrateAsync(ct).ConfigureAwait(false);
        if (cli.Positional is ["set", var kind, var from, var percent, ..])
        {
            if (kind is not (RateKinds.EcbMro or RateKinds.LegalIndividual or RateKinds.LegalOther))
                return await FailAsync(output, $"Unknown kind '{kind}': ecb_mro, legal_individual or legal_other.").ConfigureAwait(false);
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Day != 1 || date.Month is not (1 or 7))
                return await FailAsync(output, $"'{from}' is not the first day of a half-year (YYYY-01-01 or YYYY-07-01).").ConfigureAwait(false);
            if (!decimal.TryParse(percent.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pct) || pct > 100)
                return await FailAsync(output, $"'{percent}' is not a rate in percent (e.g. 2.15).").ConfigureAwait(false);
            var source = cli.Positional.Count > 4 ? string.Join(' ', cli.Positional.Skip(4)) : "operator";
            await db.WriteAsync(s => s.Rates.UpsertAsync(kind, date, (int)Math.Round(pct * 100), source), ct).ConfigureAwait(false);
            await output.WriteLineAsync($"{kind} from {date:yyyy-MM-dd}: {pct.ToString("0.00", CultureInfo.InvariantCulture)} %").ConfigureAwait(false);
            return 0;
        }

        foreach (var rate in await db.ReadAsync(s => s.Rates.AllAsync(), ct).ConfigureAwait(false))
            await output.WriteLineAsync($"{rate.Kind,-17} {rate.ValidFrom:yyyy-MM-dd} {(rate.RateBp / 100m).ToString("0.00", CultureInfo.InvariantCulture),6} %").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> FailAsync(TextWriter output, string message)
    {
        await output.WriteLineAsync(message).ConfigureAwait(false);
        return 2;
    }
}
