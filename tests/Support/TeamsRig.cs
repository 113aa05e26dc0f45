using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Recouvrement.Bot.Teams;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Tests.Support;

/// <summary>
/// The Teams adapter on Kestrel, against a loopback Bot Framework: OpenID metadata + JWKS with test RSA keys
/// (k1 endorsed for msteams, k2 without endorsements; k3 is unknown to the JWKS) and a connector that records calls.
/// </summary>
public sealed class TeamsRig : IAsyncDisposable
{
    public const string AppId = "app-123";
    public const string Tenant = "tenant-ok";

    private readonly WebApplication _fake;
    private WebApplication _bot;
    private readonly bool _emulator;

    private TeamsRig(WebApplication fake, WebApplication bot, TestStore store, ConcurrentQueue<(string, string, string?, JsonObject)> calls, bool emulator)
    {
        _fake = fake;
        _bot = bot;
        _emulator = emulator;
        Store = store;
        Connector = calls;
    }

    public static RSA K1 { get; } = RSA.Create(2048);
    public static RSA K2 { get; } = RSA.Create(2048);
    public static RSA K3 { get; } = RSA.Create(2048);

    /// <summary>Files a user uploaded in the personal chat, by name (shared by the rigs of one test run; names are unique per test).</summary>
    public static ConcurrentDictionary<string, byte[]> Files { get; } = new();

    /// <summary>Files the bot put to an upload URL: bytes, Content-Range, Authorization.</summary>
    public static ConcurrentDictionary<string, (byte[] Content, string Range, string? Auth)> Uploaded { get; } = new();

    public TestStore Store { get; }
    public string FakeUrl { get; private set; } = string.Empty;
    public string BotUrl { get; private set; } = string.Empty;
    public ConcurrentQueue<(string Method, string Path, string? Auth, JsonObject Body)> Connector { get; }

    /// <summary>Released once per connector call: tests wait on it instead of polling or sleeping.</summary>
    private SemaphoreSlim _arrived = new(0);
    public IServiceProvider Services => _bot.Services;

    public static async Task<TeamsRig> StartAsync(bool emulator = false, TimeSpan? drain = null, int consumers = 4, int capacity = 2_000)
    {
        var store = await TestStore.CreateAsync();
        var calls = new ConcurrentQueue<(string, string, string?, JsonObject)>();
        var arrived = new SemaphoreSlim(0);
        var fb = WebApplication.CreateSlimBuilder();
        fb.WebHost.UseUrls("http://127.0.0.1:0");
        fb.Logging.ClearProviders();
        var fake = fb.Build();
        string fakeUrl = string.Empty;
        fake.MapGet("/openid", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = "https://api.botframework.com",
            ["jwks_uri"] = fakeUrl + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        fake.MapGet("/jwks", () => Results.Json(new { keys = new object[] { Jwk(K1, "k1", ["msteams"]), Jwk(K2, "k2", null) } }));
        fake.MapMethods("/v3/conversations/{**path}", ["POST", "PUT"], async (HttpContext http, string path) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
            calls.Enqueue((http.Request.Method, "/v3/conversations/" + path, http.Request.Headers.Authorization.FirstOrDefault(), body));
            arrived.Release();
            return Results.Json(new { id = $"act-{calls.Count}" });
        });
        // A OneDrive upload session, as a file consent answer's uploadUrl: the bytes and the range header are recorded.
        fake.MapPut("/upload/{name}", async (HttpContext http, string name) =>
        {
            using var copy = new MemoryStream();
            await http.Request.Body.CopyToAsync(copy);
            Uploaded[name] = (copy.ToArray(), http.Request.Headers.ContentRange.ToString(), http.Request.Headers.Authorization.FirstOrDefault());
            arrived.Release();
            return Results.Created($"/files/{name}", new { id = "drive-item-1", name });
        });
        // Uploaded files, served as Teams serves a file.download.info's downloadUrl.
        fake.MapGet("/files/{name}", (string name) => Files.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "application/octet-stream") : Results.NotFound());
        await fake.StartAsync();
        fakeUrl = fake.Urls.First();

        var bot = await StartBotAsync(store, fakeUrl, emulator, drain ?? TimeSpan.FromSeconds(20), consumers: consumers, capacity: capacity);
        return new TeamsRig(fake, bot, store, calls, emulator) { FakeUrl = fakeUrl, BotUrl = bot.Urls.First(), _arrived = arrived };
    }

    /// <summary>Stops the bot (draining for at most <paramref name="drain"/>) and starts a new one on the same store and URL.</summary>
    public async Task RestartBotAsync(TimeSpan drain)
    {
        await _bot.StopAsync();
        await _bot.DisposeAsync();
        _bot = await StartBotAsync(Store, FakeUrl, _emulator, TimeSpan.FromSeconds(20), BotUrl);
    }

    /// <summary>Builds the bot as it would run, with a short drain so a test can stop it with work left.</summary>
    public async Task StopBotAsync(TimeSpan drain)
    {
        await _bot.StopAsync();
        await _bot.DisposeAsync();
        _bot = await StartBotAsync(Store, FakeUrl, _emulator, drain, BotUrl, start: false);
    }

    private static async Task<WebApplication> StartBotAsync(TestStore store, string fakeUrl, bool emulator, TimeSpan drain, string? url = null, bool start = true, int consumers = 4, int capacity = 2_000)
    {
        var bb = WebApplication.CreateSlimBuilder();
        bb.WebHost.UseUrls(url ?? "http://127.0.0.1:0");
        bb.Logging.ClearProviders();
        bb.Services.Configure<TeamsOptions>(o =>
        {
            o.AppId = emulator ? null : AppId;
            o.Emulator = emulator;
            o.OpenIdMetadataUrl = fakeUrl + "/openid";
            o.AllowedTenants = [Tenant];
            o.DrainTimeout = drain;
            o.Consumers = consumers;
            o.InboxCapacity = capacity;
        });
        bb.Services.AddHttpClient("teams-openid");
        bb.Services.AddHttpClient("teams-connector");
        bb.Services.AddSingleton(TimeProvider.System);
        bb.Services.AddSingleton(store.Db);
        bb.Services.AddSingleton(new TurnEngine(store.Db, new Recognizer(), Kits.For(store, new ScriptedSender())));
        bb.Services.AddSingleton<BotAuthenticator>();
        bb.Services.AddSingleton<IConnectorTokens>(new FixedTokens(emulator ? null : "test-token"));
        bb.Services.AddSingleton<ConnectorClient>();
        bb.Services.AddSingleton<TeamsHandler>();
        bb.Services.AddSingleton<TeamsFiles>();
        bb.Services.AddSingleton<TeamsInbox>();
        bb.Services.AddHostedService<TeamsWorker>();
        bb.Services.AddSingleton<TeamsNotifier>();
        var bot = bb.Build();
        TeamsEndpoint.Map(bot);
        if (start)
            await bot.StartAsync();
        return bot;
    }

    private static object Jwk(RSA rsa, string kid, string[]? endorsements)
    {
        var p = rsa.ExportParameters(false);
        var key = new Dictionary<string, object> { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid, ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
        if (endorsements is not null)
            key["endorsements"] = endorsements;
        return key;
    }

    /// <summary>A token as the Bot Framework would sign it, with the parts a test wants wrong.</summary>
    public static string Token(string serviceUrl, RSA? key = null, string kid = "k1", string audience = AppId, string issuer = "https://api.botframework.com", DateTime? expires = null)
    {
        var exp = expires ?? DateTime.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = exp.AddHours(-1),
            IssuedAt = exp.AddHours(-1),
            Expires = exp,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? K1) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });
    }

    public JsonObject Activity(string text, string? serviceUrl = null, string tenant = Tenant, JsonObject? value = null, string? replyToId = null, string id = "in-1") => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["serviceUrl"] = serviceUrl ?? FakeUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:user", ["name"] = "Ana", ["aadObjectId"] = "aad-ana" },
        ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "Recouvrement" },
        ["conversation"] = new JsonObject { ["id"] = "a:conv-1", ["conversationType"] = "personal", ["tenantId"] = tenant },
        ["text"] = text,
        ["value"] = value,
        ["replyToId"] = replyToId,
        ["someFutureField"] = new JsonObject { ["x"] = 1 },
    };

    /// <summary>A connector body as text, accents and symbols unescaped, for assertions.</summary>
    public static string Json(JsonObject body) =>
        body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, BotUrl + TeamsEndpoint.Path) { Content = JsonContent.Create(activity) };
        if (token is not null)
            request.Headers.Authorization = new("Bearer", token);
        return await http.SendAsync(request);
    }

    public async Task<(string Method, string Path, string? Auth, JsonObject Body)> WaitForAsync(Func<(string Method, string Path, string? Auth, JsonObject Body), bool> match, int timeoutMs = 10_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            var hit = Connector.FirstOrDefault(match);
            if (hit.Method is not null)
                return hit;
            try
            {
                // Woken by the next connector call, not by a timer.
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No matching connector call: " + string.Join(" | ", Connector.Select(c => $"{c.Method} {c.Path}")));
            }
        }
    }

    /// <summary>Waits, on the connector's signal, until the condition holds.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, int timeoutMs = 60_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        while (!condition())
        {
            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Condition not met; {Connector.Count} connector calls.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.StopAsync();
        await _bot.DisposeAsync();
        await _fake.StopAsync();
        await _fake.DisposeAsync();
        await Store.DisposeAsync();
    }

    private sealed class FixedTokens(string? token) : IConnectorTokens
    {
        public Task<string?> GetAsync(CancellationToken ct) => Task.FromResult(token);
    }
}
