using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Recouvrement.Bot.Teams;
using Recouvrement.Data;
using Recouvrement.Skills.Scheduling;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Teams;

/// <summary>The Connector protocol spoken directly: every rejection, a card approval, a proactive ping, Emulator mode.</summary>
public sealed class TeamsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Endpoint_NotPostOrMalformed_405And400()
    {
        await using var rig = await TeamsRig.StartAsync();
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.GetAsync(rig.BotUrl + TeamsEndpoint.Path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync(rig.BotUrl + TeamsEndpoint.Path, new StringContent("{\"type\":", System.Text.Encoding.UTF8, "application/json"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync(rig.BotUrl + TeamsEndpoint.Path, new StringContent("{\"text\":\"hi\"}", System.Text.Encoding.UTF8, "application/json"), Ct)).StatusCode);
    }

    public static TheoryData<string> BadTokens() => ["missing", "expired", "audience", "issuer", "forged", "unendorsed", "serviceurl"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Endpoint_BadToken_401AndNoReplyAnywhere(string kind)
    {
        await using var rig = await TeamsRig.StartAsync();
        var token = kind switch
        {
            "missing" => null,
            "expired" => TeamsRig.Token(rig.FakeUrl, expires: DateTime.UtcNow.AddMinutes(-10)),
            "audience" => TeamsRig.Token(rig.FakeUrl, audience: "someone-else"),
            "issuer" => TeamsRig.Token(rig.FakeUrl, issuer: "https://evil.example"),
            "forged" => TeamsRig.Token(rig.FakeUrl, key: TeamsRig.K3, kid: "k3"),
            "unendorsed" => TeamsRig.Token(rig.FakeUrl, key: TeamsRig.K2, kid: "k2"),
            _ => TeamsRig.Token("https://other.example/"),
        };

        var response = await rig.PostAsync(rig.Activity("qui me doit ?"), token);
        // A valid message afterwards, in the same conversation: once its reply is there, anything the rejected one
        // had caused would be there too (one conversation is answered in order).
        await rig.PostAsync(rig.Activity("aide"), TeamsRig.Token(rig.FakeUrl));
        await rig.WaitForAsync(c => c.Method == "POST");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(rig.Connector, c => c.Body.ToJsonString().Contains("vous doit rien", StringComparison.Ordinal));
        Assert.Single(rig.Connector, c => c.Method == "POST");
    }

    [Fact]
    public async Task Endpoint_ValidToken_AcksThenRepliesToTheVerifiedServiceUrl()
    {
        await using var rig = await TeamsRig.StartAsync();

        var response = await rig.PostAsync(rig.Activity("<at>Recouvrement</at> qui me doit ?"), TeamsRig.Token(rig.FakeUrl));
        var reply = await rig.WaitForAsync(c => c.Method == "POST");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/v3/conversations/a:conv-1/activities/in-1", Uri.UnescapeDataString(reply.Path));
        Assert.Equal("Bearer test-token", reply.Auth);
        Assert.Contains("Personne ne vous doit", reply.Body["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("aad-ana", reply.Body["recipient"]!["aadObjectId"]!.ToString());
    }

    [Fact]
    public async Task Endpoint_OtherTenant_PoliteRefusal()
    {
        await using var rig = await TeamsRig.StartAsync();

        await rig.PostAsync(rig.Activity("qui me doit ?", tenant: "tenant-unknown"), TeamsRig.Token(rig.FakeUrl));
        var reply = await rig.WaitForAsync(c => c.Method == "POST");

        Assert.Contains("ce bot est privé", reply.Body["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await rig.Store.Db.ReadAsync(s => s.Owners.FindAsync("teams", "aad-ana").ContinueWith(t => t.Result is null ? 0 : 1, Ct), Ct));
    }

    [Fact]
    public async Task Card_ActionSubmitApproval_CardReplacedAndSecondPressDone()
    {
        await using var rig = await TeamsRig.StartAsync();
        var token = TeamsRig.Token(rig.FakeUrl);
        await rig.PostAsync(rig.Activity("facture du 01/10/2026 F-1 Dupont SARL 1 200 € échéance 01/11/2026", id: "in-1"), token);
        await rig.WaitForAsync(c => Json(c.Body).Contains("Facture enregistrée", StringComparison.Ordinal));
        await rig.PostAsync(rig.Activity("relance Dupont SARL", id: "in-2"), token);
        var draft = await rig.WaitForAsync(c => c.Body["attachments"] is JsonArray && Json(c.Body).Contains("Relance amicale", StringComparison.Ordinal));

        // The draft is an Adaptive Card 1.4 with Action.Submit buttons carrying the payload.
        var card = draft.Body["attachments"]![0]!;
        Assert.Equal(TeamsRenderer.CardType, card["contentType"]!.ToString());
        Assert.Equal("1.4", card["content"]!["version"]!.ToString());
        var approve = card["content"]!["actions"]!.AsArray().First(a => a!["title"]!.ToString().Contains("Approuver", StringComparison.Ordinal))!;
        Assert.Equal("Action.Submit", approve["type"]!.ToString());
        var payload = approve["data"]!["payload"]!.ToString();

        // Act: the owner presses Approve on the card (activity "card-7").
        await rig.PostAsync(rig.Activity(string.Empty, value: new JsonObject { ["payload"] = payload }, replyToId: "card-7", id: "in-3"), token);
        var replaced = await rig.WaitForAsync(c => c.Method == "PUT");
        await rig.WaitForAsync(c => c.Method == "POST" && Json(c.Body).Contains("Approuvé", StringComparison.Ordinal));
        await rig.PostAsync(rig.Activity(string.Empty, value: new JsonObject { ["payload"] = payload }, replyToId: "card-8", id: "in-4"), token);
        var again = await rig.WaitForAsync(c => c.Method == "POST" && Json(c.Body).Contains("déjà approuvé", StringComparison.Ordinal));

        Assert.Equal("/v3/conversations/a:conv-1/activities/card-7", Uri.UnescapeDataString(replaced.Path));
        Assert.Contains("→ ✅ Approuvé", Json(replaced.Body), StringComparison.Ordinal);
        Assert.Equal("card-7", replaced.Body["id"]!.ToString());
        Assert.Equal("POST", again.Method);
    }

    [Fact]
    public async Task Notifier_StoredReference_ProactivePingReachesThePersonalChat()
    {
        await using var rig = await TeamsRig.StartAsync();
        await rig.PostAsync(rig.Activity("bonjour"), TeamsRig.Token(rig.FakeUrl));
        await rig.WaitForAsync(c => c.Method == "POST");
        var owner = await rig.Store.Db.ReadAsync(s => s.Owners.FindAsync("teams", "aad-ana"), Ct);
        await rig.Store.Db.WriteAsync(s => s.Notices.AddAsync(owner!.Id, "☀️ **Votre point du matin**", DateTimeOffset.UtcNow), Ct);

        var delivered = await new NoticePump(rig.Store.Db, [rig.Services.GetRequiredService<TeamsNotifier>()]).RunOnceAsync(DateTimeOffset.UtcNow, Ct);
        var ping = await rig.WaitForAsync(c => c.Path.EndsWith("/activities", StringComparison.Ordinal));

        Assert.Equal(1, delivered);
        Assert.Equal("☀️ **Votre point du matin**", ping.Body["text"]!.ToString());
        Assert.Equal("Bearer test-token", ping.Auth);
    }

    [Fact]
    public async Task EmulatorMode_LocalOnlyAndNoToken()
    {
        await using var rig = await TeamsRig.StartAsync(emulator: true);

        var local = await rig.PostAsync(rig.Activity("aide"), token: null);
        var reply = await rig.WaitForAsync(c => c.Method == "POST");
        var remote = await rig.PostAsync(rig.Activity("aide", serviceUrl: "https://smba.trafficmanager.net/emea/"), token: null);

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Null(reply.Auth);
        Assert.Equal(HttpStatusCode.Unauthorized, remote.StatusCode);
    }

    private static string Json(JsonObject body) => TeamsRig.Json(body);

    [Fact]
    public void ToMarkdown_OwnerText_Escaped()
    {
        Assert.Equal("Client **\\*evil\\_ &lt;b&gt;** ok\n\nline", TeamsRenderer.ToMarkdown("Client " + Recouvrement.Skills.Conversation.Markup.Bold("*evil_ <b>") + " ok\nline"));
        Assert.Equal("qui me doit ?", TeamsRenderer.StripMentions("<at>Recouvrement</at> qui me doit ?"));
    }
}
