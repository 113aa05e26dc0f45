using Microsoft.Extensions.DependencyInjection;
using Recouvrement.Bot.Hosting;
using Recouvrement.Data;
using Recouvrement.Skills.Reputation;

namespace Recouvrement.Bot.Cli;

/// <summary>`import-sanctions FILE`: the DGCCRF list of fines for payment delays (saved page or text), matched by SIREN.</summary>
internal static class ImportSanctionsVerb
{
    public static async Task<int> RunAsync(CliArgs cli, TextWriter output, CancellationToken ct)
    {
        if (cli.Positional.Count == 0 || !File.Exists(cli.Positional[0]))
        {
            await output.WriteLineAsync("Usage: import-sanctions FILE (the DGCCRF page saved as HTML, or its text).").ConfigureAwait(false);
            return 2;
        }

        var sanctions = SanctionList.Parse(await File.ReadAllTextAsync(cli.Positional[0], ct).ConfigureAwait(false));
        if (sanctions.Count == 0)
        {
            await output.WriteLineAsync("No line of the form « JJ/MM/AAAA - Amende de X € prononcée à l'encontre de … (SIRET …) » was found: nothing imported.").ConfigureAwait(false);
            return 3;
        }

        using var host = BotHost.CreateBuilder(cli).Build();
        var db = host.Services.GetRequiredService<Database>();
        await db.MigrateAsync(ct).ConfigureAwait(false);
        var now = cli.FixedNow() ?? DateTimeOffset.UtcNow;
        await db.WriteAsync(s => s.Reputation.ImportSanctionsAsync(sanctions, now), ct).ConfigureAwait(false);
        await output.WriteLineAsync($"{sanctions.Count} sanction(s) imported ({sanctions.Select(x => x.Siren).Distinct().Count()} companies).").ConfigureAwait(false);
        return 0;
    }
}
