using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Recouvrement.Bot.Console;
using Recouvrement.Bot.Teams;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Scheduling;
using Recouvrement.Tests.Support;
using SkiaSharp;

namespace Recouvrement.Tests.Documents;

/// <summary>Documents and pictures reach the owner on every channel: Telegram, Teams, the terminal, and with the digest.</summary>
public sealed class DeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    [Fact]
    public async Task Telegram_ChartAndStatement_SendPhotoAndSendDocumentAsMultipart()
    {
        await using var rig = await TelegramRig.StartAsync();
        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.TextMessage(TelegramRig.Owner, "facture du 01/09/2026 F-1 Dupont SARL 1 200 € échéance 01/10/2026"), 1), Ct);

        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.TextMessage(TelegramRig.Owner, "qui me doit ?"), 2), Ct);
        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.TextMessage(TelegramRig.Owner, "relevé de compte Dupont SARL"), 3), Ct);

        var uploads = rig.Api.Uploads.ToList();
        Assert.Equal(2, uploads.Count);
        Assert.Equal(("sendPhoto", "qui-me-doit-2026-11-23.png"), (uploads[0].Method, uploads[0].FileName));
        // The client library names the part and points the photo field at it (attach://), as the Bot API allows.
        Assert.Equal("attach://" + uploads[0].Field, rig.Api.CallsTo("sendPhoto").Single()["photo"]!.ToString());
        using (var png = SKBitmap.Decode(uploads[0].Content))
            Assert.Equal(900, png.Width);
        Assert.Equal("sendDocument", uploads[1].Method);
        Assert.Equal("attach://" + uploads[1].Field, rig.Api.CallsTo("sendDocument").Single()["document"]!.ToString());
        Assert.StartsWith("releve-dupont-sarl-", uploads[1].FileName, StringComparison.Ordinal);
        PdfText.ContainsAll(uploads[1].Content, "Relevé de compte", "Dupont SARL", "1 200,00");
        Assert.Equal(TelegramRig.Owner.ToString(System.Globalization.CultureInfo.InvariantCulture), rig.Api.CallsTo("sendPhoto").Single()["chat_id"]!.ToString());
    }

    [Fact]
    public async Task Teams_PictureInlineAndDocumentThroughFileConsent_AcceptedUploadedDeclinedForgotten()
    {
        await using var rig = await TeamsRig.StartAsync(emulator: true);
        await rig.PostAsync(rig.Activity("facture du 01/09/2026 F-1 Dupont SARL 1 200 € échéance 01/10/2026", id: "in-1"), null);
        await rig.WaitForAsync(c => Json(c.Body).Contains("Facture enregistrée", StringComparison.Ordinal));

        await rig.PostAsync(rig.Activity("qui me doit ?", id: "in-2"), null);
        var chart = await rig.WaitForAsync(c => c.Body["attachments"] is JsonArray a && a.Any(x => x!["contentType"]!.ToString() == "image/png"));
        var image = chart.Body["attachments"]!.AsArray().Single()!;
        Assert.StartsWith("data:image/png;base64,", image["contentUrl"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Qui vous doit", chart.Body["text"]!.ToString(), StringComparison.Ordinal);
        using (var png = SKBitmap.Decode(Convert.FromBase64String(image["contentUrl"]!.ToString()["data:image/png;base64,".Length..])))
            Assert.Equal(900, png.Width);

        await rig.PostAsync(rig.Activity("relevé de compte Dupont SARL", id: "in-3"), null);
        var offer = await rig.WaitForAsync(c => c.Body["attachments"] is JsonArray a && a.Any(x => x!["contentType"]!.ToString() == TeamsFiles.ConsentCard));
        var consent = offer.Body["attachments"]!.AsArray().Single()!;
        var fileId = consent["content"]!["acceptContext"]!["fileId"]!.GetValue<long>();
        Assert.StartsWith("releve-dupont-sarl-", consent["name"]!.ToString(), StringComparison.Ordinal);
        Assert.True(consent["content"]!["sizeInBytes"]!.GetValue<long>() > 1_000);

        var name = $"releve-{Guid.NewGuid():N}.pdf";
        await rig.PostAsync(Invoke(rig, "accept", fileId, rig.FakeUrl + "/upload/" + name, "in-4"), null);
        var info = await rig.WaitForAsync(c => c.Body["attachments"] is JsonArray a && a.Any(x => x!["contentType"]!.ToString() == TeamsFiles.InfoCard));

        var (content, range, auth) = TeamsRig.Uploaded[name];
        PdfText.ContainsAll(content, "Relevé de compte", "Dupont SARL");
        Assert.Equal($"bytes 0-{content.Length - 1}/{content.Length}", range);
        Assert.Null(auth); // the upload URL is pre-authenticated: no bot token leaves for OneDrive
        Assert.Equal("https://contoso.sharepoint.com/releve.pdf", info.Body["attachments"]![0]!["contentUrl"]!.ToString());
        Assert.Equal("u-1", info.Body["attachments"]![0]!["content"]!["uniqueId"]!.ToString());
        Assert.Equal(0, await FilesKeptAsync(rig));

        // A second accept of the same card, and a declined card: a clear line, nothing uploaded, nothing kept.
        await rig.PostAsync(Invoke(rig, "accept", fileId, rig.FakeUrl + "/upload/again.pdf", "in-5"), null);
        await rig.WaitForAsync(c => Json(c.Body).Contains("n'est plus disponible", StringComparison.Ordinal));
        await rig.PostAsync(rig.Activity("relevé de compte Dupont SARL", id: "in-6"), null);
        await rig.WaitUntilAsync(() => rig.Connector.Count(c => Json(c.Body).Contains(TeamsFiles.ConsentCard, StringComparison.Ordinal)) == 2);
        var second = await FileIdsAsync(rig);
        await rig.PostAsync(Invoke(rig, "decline", second.Single(), null, "in-7"), null);
        await rig.WaitForAsync(c => Json(c.Body).Contains("n'a pas été envoyé", StringComparison.Ordinal));
        Assert.False(TeamsRig.Uploaded.ContainsKey("again.pdf"));
        Assert.Equal(0, await FilesKeptAsync(rig));
    }

    [Fact]
    public async Task Teams_ConsentForAnotherUsersFile_NothingUploaded()
    {
        await using var rig = await TeamsRig.StartAsync(emulator: true);
        var id = await rig.Store.Db.WriteAsync(s => s.Channels.AddOutgoingFileAsync("teams", "someone-else", "x.pdf", "application/pdf", [1, 2, 3], DateTimeOffset.UtcNow), Ct);

        await rig.PostAsync(Invoke(rig, "accept", id, rig.FakeUrl + "/upload/stolen.pdf", "in-1"), null);
        await rig.WaitForAsync(c => Json(c.Body).Contains("n'est plus disponible", StringComparison.Ordinal));

        Assert.False(TeamsRig.Uploaded.ContainsKey("stolen.pdf"));
        Assert.Equal(1, await FilesKeptAsync(rig));
    }

    [Fact]
    public async Task Terminal_StatementAndChart_WrittenToTheDocumentsFolderAndNamed()
    {
        await using var store = await TestStore.CreateAsync();
        var folder = Path.Combine(Path.GetTempPath(), "recouvrement-docs-" + Guid.NewGuid().ToString("N"));
        try
        {
            var chat = new ConsoleChat(new TurnEngine(store.Db, new()), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ChatDriver.DefaultNow),
                new OwnerIdentity("console", "me"), new DocumentFolder(folder));
            var output = new StringWriter();

            await chat.RunAsync(new StringReader("facture du 01/09/2026 F-1 Dupont SARL 1 200 € échéance 01/10/2026\nrelevé de compte Dupont SARL\nrelevé de compte Dupont SARL\nqui me doit ?\n"), output, interactive: false, Ct);

            var text = output.ToString();
            var first = Path.Combine(folder, "releve-dupont-sarl-2026-11-23.pdf");
            var second = Path.Combine(folder, "releve-dupont-sarl-2026-11-23-2.pdf");
            var chart = Path.Combine(folder, "qui-me-doit-2026-11-23.png");
            Assert.Contains("📎 " + first, text, StringComparison.Ordinal);
            Assert.Contains("📎 " + second, text, StringComparison.Ordinal);
            Assert.Contains("📎 " + chart, text, StringComparison.Ordinal);
            PdfText.ContainsAll(await File.ReadAllBytesAsync(first, Ct), "Relevé de compte", "Dupont SARL");
            Assert.Equal(PdfText.Compact(await File.ReadAllBytesAsync(first, Ct)), PdfText.Compact(await File.ReadAllBytesAsync(second, Ct)));
            using var png = SKBitmap.Decode(await File.ReadAllBytesAsync(chart, Ct));
            Assert.Equal(900, png.Width);
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Digest_OncePerWeek_CarriesTheAgingChartDrawnWhenPushed()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store, "digest-chart");
        await chat.PlayAsync(("facture du 01/09/2026 F-1 Dupont SARL 1 200 € échéance 01/10/2026", "✅"));
        var harness = new SchedulerHarness(store);
        var notifier = new CapturingNotifier();
        var pump = new NoticePump(store.Db, [notifier]);

        // Monday then Tuesday of one week, then the next Monday (digests every weekday by default).
        foreach (var day in new[] { 23, 24, 30 })
        {
            var now = new DateTimeOffset(2026, 11, day, 9, 0, 0, TimeSpan.FromHours(1));
            await harness.Pass.RunAsync(now, Ct);
            await pump.RunOnceAsync(now, Ct);
        }

        Assert.Equal(3, notifier.Received.Count(r => r.Text.Contains("Votre point du matin", StringComparison.Ordinal)));
        var charts = notifier.Received.Where(r => r.Attachment is not null).ToList();
        Assert.Equal(2, charts.Count);
        Assert.Equal("qui-me-doit-2026-11-23.png", charts[0].Attachment!.FileName);
        Assert.Equal("qui-me-doit-2026-11-30.png", charts[1].Attachment!.FileName);
        using var png = SKBitmap.Decode(charts[0].Attachment!.Content);
        Assert.Equal(900, png.Width);
    }

    private sealed class CapturingNotifier : INotifier
    {
        public List<Reply> Received { get; } = [];

        public string Channel => "test";

        public Task<bool> NotifyAsync(Owner owner, Reply reply, CancellationToken ct)
        {
            Received.Add(reply);
            return Task.FromResult(true);
        }
    }

    private static JsonObject Invoke(TeamsRig rig, string action, long fileId, string? uploadUrl, string id)
    {
        var activity = rig.Activity(string.Empty, id: id);
        activity["type"] = "invoke";
        activity["name"] = TeamsFiles.ConsentInvoke;
        activity["value"] = new JsonObject
        {
            ["type"] = "fileUpload",
            ["action"] = action,
            ["context"] = new JsonObject { ["fileId"] = fileId },
            ["uploadInfo"] = uploadUrl is null ? null : new JsonObject
            {
                ["contentUrl"] = "https://contoso.sharepoint.com/releve.pdf",
                ["name"] = "releve.pdf",
                ["uploadUrl"] = uploadUrl,
                ["fileType"] = "pdf",
                ["uniqueId"] = "u-1",
            },
        };
        return activity;
    }

    private static Task<long> FilesKeptAsync(TeamsRig rig) =>
        rig.Store.Db.ReadAsync(s => Dapper.SqlMapper.ExecuteScalarAsync<long>(s.Connection, "SELECT COUNT(*) FROM outgoing_files"), Ct);

    private static Task<List<long>> FileIdsAsync(TeamsRig rig) =>
        rig.Store.Db.ReadAsync(async s => (await Dapper.SqlMapper.QueryAsync<long>(s.Connection, "SELECT id FROM outgoing_files")).ToList(), Ct);

    private static string Json(JsonObject body) => TeamsRig.Json(body);
}
