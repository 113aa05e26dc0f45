using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Teams;

/// <summary>Nothing accepted is lost: activities are stored before the 200, survive a shutdown, and are answered once each.</summary>
public sealed class TeamsInboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Endpoint_500AcceptedThenShutdown_AllAnsweredOnceAfterRestart()
    {
        // The first instance only receives (no consumer), as one killed before answering anything would.
        await using var rig = await TeamsRig.StartAsync(emulator: true, drain: TimeSpan.Zero, consumers: 0);
        const int total = 500;
        using var gate = new SemaphoreSlim(16);
        var posts = Enumerable.Range(0, total).Select(async i =>
        {
            await gate.WaitAsync(Ct);
            try
            {
                var activity = rig.Activity("aide", id: $"in-{i}");
                activity["conversation"]!["id"] = $"a:conv-{i % 25}";
                using var response = await rig.PostAsync(activity, null);
                return response.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        });
        var statuses = await Task.WhenAll(posts);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

        // Stopped at once (no drain): what was accepted and not yet answered waits in the store.
        await rig.StopBotAsync(TimeSpan.Zero);
        var left = await rig.Store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox"), Ct);
        Assert.Equal(total, left);
        await rig.RestartBotAsync(TimeSpan.FromSeconds(20));
        await rig.WaitUntilAsync(() => rig.Connector.Count(c => c.Method == "POST") >= total);
        await rig.StopBotAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(total, rig.Connector.Count(c => c.Method == "POST"));
        Assert.Equal(0, await rig.Store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox"), Ct));
    }

    [Fact]
    public async Task Endpoint_InboxFull_503WithRetryAfter()
    {
        await using var rig = await TeamsRig.StartAsync(emulator: true, consumers: 0, capacity: 3);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await rig.PostAsync(rig.Activity("aide", id: $"in-{i}"), null);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], statuses);
        Assert.Equal("5", last!.Headers.RetryAfter?.ToString());
        last.Dispose();
    }
}
