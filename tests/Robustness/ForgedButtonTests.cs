using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Robustness;

/// <summary>Button payloads are chosen by the client: a second owner replaying the first owner's payloads changes nothing.</summary>
public sealed class ForgedButtonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PressPayloadAsync_OtherOwnersButtons_ChangeNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var first = new ChatDriver(store, "owner-1");
        await first.PlayAsync(
            ("facture du 01/10/2026 Roux 400 € échéance 01/11/2026", "✅"),
            ("relance Roux", "Approuver"));
        var draftButtons = first.LastReplies.SelectMany(r => r.Buttons).Select(b => b.Payload).ToList();
        await first.PlayAsync(("[press] Approuver", "C'est envoyé"));
        var outboxButton = first.LastReplies.SelectMany(r => r.Buttons).Single().Payload;
        await first.PlayAsync(("Roux a payé 100 €", "Annuler ce paiement"));
        var undoButton = first.LastReplies.SelectMany(r => r.Buttons).Single().Payload;
        var before = await SnapshotAsync(store);

        var second = new ChatDriver(store, "owner-2");
        foreach (var payload in draftButtons.Append(outboxButton).Append(undoButton).Append("o:s:1").Append("o:d:1").Append("d:a:1").Append("d:r:1"))
        {
            var reply = await second.PressPayloadAsync(payload);
            Assert.DoesNotContain("✅", reply, StringComparison.Ordinal);
            Assert.DoesNotContain("↩️", reply, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync(store));
    }

    private static Task<string> SnapshotAsync(TestStore store) => store.Db.ReadAsync(async s =>
        string.Join("|", await s.Connection.QueryAsync<string>(
            "SELECT 'o' || id || status FROM outbox UNION ALL SELECT 'd' || id || status FROM drafts UNION ALL SELECT 'p' || id || COALESCE(voided_at, '') FROM payments UNION ALL SELECT 'i' || id || status || paid_cents FROM invoices ORDER BY 1")), Ct);
}
