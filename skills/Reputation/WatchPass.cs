using Recouvrement.Data;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Reputation;

/// <summary>Weekly re-check of watched companies; the owner is told what changed (proceeding, closure, new director).</summary>
public sealed class WatchPass(Database db, RegistryKit registry)
{
    public static readonly TimeSpan Every = TimeSpan.FromDays(7);

    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = await db.ReadAsync(s => s.Reputation.DueForCheckAsync(now - Every, 50), ct).ConfigureAwait(false);
        var told = 0;
        foreach (var w in due)
        {
            var found = await registry.Search.SearchAsync(w.Siren, ct).ConfigureAwait(false);
            if (found.Value is not { Count: > 0 } companies)
                continue; // Unreachable or gone from the index: try again next pass, nothing is assumed.
            var bodacc = await registry.Bodacc.StatusAsync(w.Siren, ct).ConfigureAwait(false);
            if (bodacc.Value is null)
                continue;
            var snapshot = ReputationCheck.Snapshot(companies[0], bodacc.Value);
            var owner = await db.ReadAsync(s => s.Owners.GetAsync(w.OwnerId), ct).ConfigureAwait(false);
            var lang = owner?.Language ?? "fr";
            var changes = ReputationCheck.Changes(w.Snapshot, snapshot, lang);
            await db.WriteAsync(async s =>
            {
                if (changes.Count > 0)
                {
                    await s.Notices.AddAsync(w.OwnerId, "👀 " + Say.Pick(lang, $"Du nouveau pour {Markup.Bold(w.Name)} : ", $"News about {Markup.Bold(w.Name)}: ")
                        + string.Join(" ; ", changes.Select(Markup.Escape)) + ".", now).ConfigureAwait(false);
                }

                await s.Reputation.SetSnapshotAsync(w.OwnerId, w.Siren, snapshot, now).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
            told += changes.Count > 0 ? 1 : 0;
        }

        return told;
    }
}
