using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Recouvrement.Tests.Support;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on loopback (POST /v1/chat/completions), answering from a script:
/// each request gets the next scripted answer (a tool call, plain text, or a delay to play a slow endpoint).
/// </summary>
public sealed class FakeOpenAi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpenAi(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>Request bodies as received.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Builds the answer from the request body; null gives a 500.</summary>
    public ConcurrentQueue<Func<string, string?>> Script { get; } = new();

    public TimeSpan Delay { get; set; }

    public static async Task<FakeOpenAi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeOpenAi(app);
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            fake.Requests.Enqueue(body);
            if (fake.Delay > TimeSpan.Zero)
                await Task.Delay(fake.Delay, http.RequestAborted);
            var answer = fake.Script.TryDequeue(out var next) ? next(body) : Text("D'accord.");
            return answer is null
                ? Results.Content("""{"error":{"message":"boom","type":"server_error"}}""", "application/json", statusCode: 500)
                : Results.Content(answer, "application/json");
        });
        await app.StartAsync();
        fake.Endpoint = app.Urls.First() + "/v1";
        return fake;
    }

    /// <summary>The model calls one function of the Recouvrement plugin (the SDK joins plugin and function with '-').</summary>
    public static string ToolCall(string function, object arguments) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-1",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "fake-model",
            choices = new[]
            {
                new
                {
                    index = 0,
                    message = new
                    {
                        role = "assistant",
                        content = (string?)null,
                        tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = "Recouvrement-" + function, arguments = JsonSerializer.Serialize(arguments) } } },
                    },
                    finish_reason = "tool_calls",
                },
            },
            usage = new { prompt_tokens = 82, completion_tokens = 17, total_tokens = 99 },
        });

    public static string Text(string content) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-2",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "fake-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 40, completion_tokens = 20, total_tokens = 60 },
        });

    /// <summary>The text of the last user message of a request.</summary>
    public static string LastUserMessage(string requestBody)
    {
        using var doc = JsonDocument.Parse(requestBody);
        var content = doc.RootElement.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user").GetProperty("content");
        return content.ValueKind == JsonValueKind.Array
            ? string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()))
            : content.GetString() ?? string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
