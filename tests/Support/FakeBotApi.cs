using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Recouvrement.Tests.Support;

/// <summary>
/// A Telegram Bot API on loopback speaking the real wire format (POST /bot{token}/{method}, JSON in,
/// {"ok":...,"result":...} out), for driving the real Telegram.Bot client. Updates are queued by the test;
/// every call is recorded; failures (429, 500) can be scripted per method.
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public const string Token = "123456:TEST-token_ABC";

    private readonly WebApplication _app;
    private readonly List<JsonObject> _updates = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> _failures = new();
    private int _messageId = 100;
    private int _updateId;

    private FakeBotApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Files a user "sent", by file path; getFile answers with the path of the file id it is given.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    public static JsonObject DocumentMessage(long userId, string fileId, string fileName, long size, string? caption = null) => new()
    {
        ["message"] = new JsonObject
        {
            ["message_id"] = 7,
            ["date"] = 1_763_888_400,
            ["chat"] = new JsonObject { ["id"] = userId, ["type"] = "private" },
            ["from"] = User(userId),
            ["document"] = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = fileId + "-u", ["file_name"] = fileName, ["file_size"] = size },
            ["caption"] = caption,
        },
    };
    public ConcurrentQueue<(string Method, JsonObject Body)> Calls { get; } = new();

    /// <summary>Files the bot sent as multipart parts: method, form field, file name, bytes.</summary>
    public ConcurrentQueue<(string Method, string Field, string FileName, byte[] Content)> Uploads { get; } = new();

    public static async Task<FakeBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotApi(app);
        app.MapPost("/bot{token}/{method}", (string token, string method, HttpContext http) => fake.HandleAsync(token, method, http));
        // Files are fetched as Telegram serves them: GET /file/bot{token}/{file_path}.
        app.MapGet("/file/bot{token}/{**path}", (string token, string path) =>
            token == Token && fake.Files.TryGetValue(path, out var bytes) ? Results.Bytes(bytes, "application/octet-stream") : Results.NotFound());
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public void FailNext(string method, int status, string body) =>
        _failures.GetOrAdd(method, _ => new()).Enqueue((status, body));

    /// <summary>Queues an update (update_id assigned here unless given) and returns its id.</summary>
    public int Enqueue(JsonObject update, int? id = null)
    {
        lock (_updates)
        {
            var updateId = id ?? ++_updateId;
            update["update_id"] = updateId;
            _updates.Add(update);
            return updateId;
        }
    }

    /// <summary>An update JSON as the client library reads it, with its id.</summary>
    public static global::Telegram.Bot.Types.Update Update(JsonObject json, int id)
    {
        json["update_id"] = id;
        return System.Text.Json.JsonSerializer.Deserialize<global::Telegram.Bot.Types.Update>(json.ToJsonString(), global::Telegram.Bot.JsonBotAPI.Options)!;
    }

    public static JsonObject User(long id, string language = "fr") => new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Ana", ["language_code"] = language };

    public static JsonObject TextMessage(long userId, string text, long? chatId = null, string chatType = "private", int messageId = 1) => new()
    {
        ["message"] = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = 1_763_888_400,
            ["chat"] = new JsonObject { ["id"] = chatId ?? userId, ["type"] = chatType },
            ["from"] = User(userId),
            ["text"] = text,
        },
    };

    public static JsonObject Callback(long userId, string data, int messageId, string shownText = "Brouillon", string id = "cb-1") => new()
    {
        ["callback_query"] = new JsonObject
        {
            ["id"] = id,
            ["from"] = User(userId),
            ["chat_instance"] = "ci",
            ["data"] = data,
            ["message"] = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = 1_763_888_400,
                ["chat"] = new JsonObject { ["id"] = userId, ["type"] = "private" },
                ["text"] = shownText,
                ["reply_markup"] = new JsonObject { ["inline_keyboard"] = new JsonArray(new JsonArray(new JsonObject { ["text"] = "x", ["callback_data"] = data })) },
            },
        },
    };

    public IReadOnlyList<JsonObject> CallsTo(string method) => [.. Calls.Where(c => c.Method == method).Select(c => c.Body)];

    /// <summary>Waits until a call matching the predicate was made.</summary>
    public async Task<JsonObject> WaitForAsync(string method, Func<JsonObject, bool>? match = null, int timeoutMs = 10_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            var found = CallsTo(method).FirstOrDefault(b => match is null || match(b));
            if (found is not null)
                return found;
            await Task.Delay(20);
        }

        throw new TimeoutException($"No {method} call matched. Calls: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    private async Task<IResult> HandleAsync(string token, string method, HttpContext http)
    {
        if (token != Token)
            return Results.Json(new { ok = false, error_code = 401, description = "Unauthorized" }, statusCode: 401);
        JsonObject body;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync();
            body = [];
            foreach (var (k, v) in form)
                body[k] = v.ToString();
            foreach (var f in form.Files)
            {
                body[f.Name] = f.FileName;
                using var copy = new MemoryStream();
                await f.CopyToAsync(copy);
                Uploads.Enqueue((method, f.Name, f.FileName, copy.ToArray()));
            }
        }
        else
        {
            body = (await JsonNode.ParseAsync(http.Request.Body) as JsonObject) ?? [];
        }

        if (_failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var failure))
        {
            Calls.Enqueue((method, body));
            return Results.Content(failure.Body, "application/json", statusCode: failure.Status);
        }

        if (method != "getUpdates")
            Calls.Enqueue((method, body));
        return method switch
        {
            "getUpdates" => await UpdatesAsync(body),
            "sendMessage" or "editMessageText" or "sendDocument" or "sendPhoto" => Ok(Message(body)),
            "getFile" => Ok(new JsonObject { ["file_id"] = body["file_id"]?.ToString(), ["file_unique_id"] = "u", ["file_path"] = "documents/" + body["file_id"]?.ToString() }),
            "getMe" => Ok(new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "Recouvrement", ["username"] = "recouvrement_bot" }),
            _ => Ok(JsonValue.Create(true)),
        };
    }

    private async Task<IResult> UpdatesAsync(JsonObject body)
    {
        var offset = body["offset"]?.GetValue<int>() ?? 0;
        var until = DateTime.UtcNow.AddMilliseconds(300);
        while (true)
        {
            JsonArray result;
            lock (_updates)
            {
                result = [.. _updates.Where(u => u["update_id"]!.GetValue<int>() >= offset).Select(u => u.DeepClone())];
            }

            if (result.Count > 0 || DateTime.UtcNow > until)
                return Ok(result);
            await Task.Delay(20);
        }
    }

    private JsonObject Message(JsonObject body) => new()
    {
        ["message_id"] = body["message_id"]?.GetValue<int>() ?? Interlocked.Increment(ref _messageId),
        ["date"] = 1_763_888_400,
        ["chat"] = new JsonObject { ["id"] = long.Parse(body["chat_id"]?.ToString() ?? "0", System.Globalization.CultureInfo.InvariantCulture), ["type"] = "private" },
        ["text"] = body["text"]?.ToString() ?? string.Empty,
    };

    private static IResult Ok(JsonNode? result) =>
        Results.Content(new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString(), "application/json");
}
