using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Recouvrement.Bot.Hosting;
using Recouvrement.Data;

namespace Recouvrement.Bot.Cli;

/// <summary>
/// `bench --load`: the real service (Kestrel, Telegram webhook, Teams endpoint with its inbox and consumers, SQLite)
/// on loopback, and a loopback Telegram Bot API and Bot Connector receiving its replies. Virtual owners each send a
/// message every few seconds (half « qui me doit ? », half a new invoice) and wait for the answer; the time from the
/// POST to the reply reaching the fake API is one turn's latency. Memory is the process's working set after the load
/// and after 25 s idle (load generator included).
/// </summary>
internal static class LoadBench
{
    private const string Token = "123456:BENCH-token";
    private const string Secret = "bench-secret";

    public static async Task<int> RunAsync(CliArgs cli, TextWriter output, CancellationToken ct)
    {
        var owners = int.Parse(cli.Option("owners") ?? "1000", CultureInfo.InvariantCulture);
        var seconds = int.Parse(cli.Option("seconds") ?? "20", CultureInfo.InvariantCulture);
        var every = double.Parse(cli.Option("every") ?? "10", CultureInfo.InvariantCulture);
        // --db: another store (a PostgreSQL connection string measures the service on PostgreSQL); kept afterwards.
        var given = cli.Option("db");
        var path = given ?? Path.Combine(Path.GetTempPath(), $"recouvrement-load-{Environment.ProcessId}.db");
        var waiting = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);

        // The outside world: Telegram's Bot API and the Bot Connector, answering at once and noting each reply.
        var fb = WebApplication.CreateSlimBuilder();
        fb.WebHost.UseUrls("http://127.0.0.1:0");
        fb.Logging.ClearProviders();
        var fake = fb.Build();
        fake.MapPost("/bot{token}/{method}", async (string method, HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body).ConfigureAwait(false) as JsonObject;
            if (method == "sendMessage" && body?["chat_id"]?.ToString() is { } chat && waiting.TryRemove("tg:" + chat, out var done))
                done.TrySetResult(Stopwatch.GetTimestamp());
            var result = method == "sendMessage"
                ? new JsonObject { ["message_id"] = 1, ["date"] = 1_763_888_400, ["chat"] = new JsonObject { ["id"] = long.Parse(body?["chat_id"]?.ToString() ?? "0", CultureInfo.InvariantCulture), ["type"] = "private" } }
                : (JsonNode)JsonValue.Create(true);
            return Results.Content(new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString(), "application/json");
        });
        fake.MapMethods("/v3/conversations/{conversation}/activities/{**rest}", ["POST", "PUT"], (string conversation) =>
        {
            if (waiting.TryRemove("teams:" + conversation, out var done))
                done.TrySetResult(Stopwatch.GetTimestamp());
            return Results.Json(new { id = "a1" });
        });
        await fake.StartAsync(ct).ConfigureAwait(false);
        var fakeUrl = fake.Urls.First();

        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Recouvrement"] = path,
            ["Telegram:BotToken"] = Token,
            ["Telegram:BaseUrl"] = fakeUrl,
            ["Telegram:WebhookUrl"] = "http://127.0.0.1/api/telegram",
            ["Telegram:SecretToken"] = Secret,
            ["Telegram:GlobalPerSecond"] = "100000",
            ["Telegram:PerChatInterval"] = "00:00:00.001",
            ["Teams:Emulator"] = "true",
            ["Scheduler:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        for (var i = 0; i < owners; i++)
            settings[$"Telegram:AllowedUserIds:{i}"] = (10_000 + i).ToString(CultureInfo.InvariantCulture);
        var web = BotHost.CreateWebBuilder(cli, settings).Build();
        try
        {
            await web.Services.GetRequiredService<Database>().MigrateAsync(ct).ConfigureAwait(false);
            Recouvrement.Bot.Telegram.TelegramWebhook.Map(web);
            Recouvrement.Bot.Teams.TeamsEndpoint.Map(web);
            await web.StartAsync(ct).ConfigureAwait(false);
            var botUrl = web.Urls.First();
            await output.WriteLineAsync($"Recouvrement load bench — {Environment.ProcessorCount} cores, {owners:N0} owners per channel, one message each every {every:N0} s, {seconds} s per channel").ConfigureAwait(false);
            await output.WriteLineAsync($"idle before load: {Environment.WorkingSet / 1024 / 1024:N0} MB").ConfigureAwait(false);

            var http = new HttpClient { BaseAddress = new Uri(botUrl), Timeout = TimeSpan.FromSeconds(60) };
            foreach (var channel in new[] { "telegram", "teams" })
            {
                var latencies = new ConcurrentBag<double>();
                long lastReply = 0;
                var failures = 0;
                var sw = Stopwatch.StartNew();
                var deadline = TimeSpan.FromSeconds(seconds);
                var tasks = Enumerable.Range(0, owners).Select(async i =>
                {
                    // Owners start spread over the interval, so the rate is steady from the first second.
                    await Task.Delay(TimeSpan.FromSeconds(every * i / owners), ct).ConfigureAwait(false);
                    for (var n = 0; sw.Elapsed < deadline; n++)
                    {
                        var next = sw.Elapsed + TimeSpan.FromSeconds(every);
                        var text = n % 2 == 0 ? "qui me doit ?" : $"facture L{i}-{n:D3} Client{i % 40} SARL {100 + n} € à 30 jours";
                        var key = channel == "telegram" ? "tg:" + (10_000 + i) : "teams:a:c" + i;
                        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                        waiting[key] = done;
                        var start = Stopwatch.GetTimestamp();
                        using var request = channel == "telegram" ? TelegramUpdate(i, n, text) : TeamsActivity(i, n, text, fakeUrl);
                        try
                        {
                            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
                            var end = await done.Task.WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
                            if (response.IsSuccessStatusCode)
                            {
                                latencies.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
                                InterlockedMax(ref lastReply, sw.ElapsedTicks);
                            }
                            else
                                Interlocked.Increment(ref failures);
                        }
                        catch (TimeoutException)
                        {
                            Interlocked.Increment(ref failures);
                        }

                        if (next > sw.Elapsed)
                            await Task.Delay(next - sw.Elapsed, ct).ConfigureAwait(false);
                    }
                }).ToList();
                await Task.WhenAll(tasks).ConfigureAwait(false);
                var sorted = latencies.OrderBy(x => x).ToArray();
                double Pct(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
                // Over the time the turns took: from the first send to the last reply.
                var window = TimeSpan.FromTicks(lastReply * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalSeconds;
                var rate = sorted.Length / Math.Max(window, 0.001);
                await output.WriteLineAsync($"{channel}: {sorted.Length:N0} turns in {window:N1} s = {rate:N0} turns/s ({rate / Environment.ProcessorCount:N0} per core), p50 {Pct(0.5):N0} ms, p99 {Pct(0.99):N0} ms, {failures} failed; memory after: {Environment.WorkingSet / 1024 / 1024:N0} MB").ConfigureAwait(false);
            }

            // The clients go away: their keep-alive connections close, as real channels' do.
            http.Dispose();
            var gen2 = GC.CollectionCount(2);
            var allocated = GC.GetTotalAllocatedBytes();
            await Task.Delay(TimeSpan.FromSeconds(25), ct).ConfigureAwait(false);
            await output.WriteLineAsync($"after 25 s idle: {Environment.WorkingSet / 1024 / 1024:N0} MB working set, {GC.GetTotalMemory(false) / 1024 / 1024:N0} MB managed heap ({GC.CollectionCount(2) - gen2} full collection(s), {(GC.GetTotalAllocatedBytes() - allocated) / 1024:N0} KB allocated while idle)").ConfigureAwait(false);
            return 0;
        }
        finally
        {
            await web.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await web.DisposeAsync().ConfigureAwait(false);
            await fake.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await fake.DisposeAsync().ConfigureAwait(false);
            if (given is null)
            {
                foreach (var f in new[] { path, path + "-wal", path + "-shm" })
                    File.Delete(f);
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
            current = seen;
    }

    private static HttpRequestMessage TelegramUpdate(int owner, int n, string text)
    {
        var user = 10_000 + owner;
        var update = new JsonObject
        {
            ["update_id"] = (owner * 100_000) + n + 1,
            ["message"] = new JsonObject
            {
                ["message_id"] = n + 1,
                ["date"] = 1_763_888_400,
                ["chat"] = new JsonObject { ["id"] = user, ["type"] = "private" },
                ["from"] = new JsonObject { ["id"] = user, ["is_bot"] = false, ["first_name"] = "Owner", ["language_code"] = "fr" },
                ["text"] = text,
            },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, Recouvrement.Bot.Telegram.TelegramWebhook.Path) { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add(Recouvrement.Bot.Telegram.TelegramWebhook.SecretHeader, Secret);
        return request;
    }

    private static HttpRequestMessage TeamsActivity(int owner, int n, string text, string serviceUrl)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = $"m{owner}-{n}",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = $"29:u{owner}", ["name"] = "Owner", ["aadObjectId"] = $"aad-{owner}" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Recouvrement" },
            ["conversation"] = new JsonObject { ["id"] = $"a:c{owner}", ["conversationType"] = "personal", ["tenantId"] = "t" },
            ["text"] = text,
        };
        return new HttpRequestMessage(HttpMethod.Post, Recouvrement.Bot.Teams.TeamsEndpoint.Path) { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
    }
}
