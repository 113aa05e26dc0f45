using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Recouvrement.Data;
using Recouvrement.Skills.Reputation;

namespace Recouvrement.Tests.Support;

/// <summary>
/// API Recherche d'entreprises (GET /search) and BODACC Explore v2.1 (GET …/annonces-commerciales/records) on
/// loopback, serving recorded answers from tests/Reputation/Fixtures; a few queries misbehave on purpose:
/// "trop-demande" (429 then success), "panne" (500), "lent" (answers too late), "casse" (malformed JSON).
/// </summary>
public sealed class FakeRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _throttled;

    private FakeRegistry(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;
    public ConcurrentQueue<string> Requests { get; } = new();

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reputation", "Fixtures", name));

    public static async Task<FakeRegistry> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeRegistry(app);
        app.MapGet("/search", async (HttpContext http) =>
        {
            var q = http.Request.Query["q"].ToString();
            fake.Requests.Enqueue($"search {q} ua={http.Request.Headers.UserAgent}");
            switch (q)
            {
                case "trop-demande" when Interlocked.Increment(ref fake._throttled) == 1:
                    http.Response.Headers.RetryAfter = "1";
                    return Results.Content("""{"erreur":"Too many requests"}""", "application/json", statusCode: 429);
                case "trop-demande":
                    return Results.Content(Fixture("search-552100554.json"), "application/json");
                case "panne":
                    return Results.Content("""{"erreur":"Internal error"}""", "application/json", statusCode: 500);
                case "lent":
                    await Task.Delay(3000);
                    return Results.Content(Fixture("search-552100554.json"), "application/json");
                case "casse":
                    return Results.Content("""{"results":[{"siren":""", "application/json");
            }

            var key = q.Length == 9 && q.All(char.IsAsciiDigit) ? q : TextKey.Key(q).Replace(' ', '-');
            var file = Path.Combine(AppContext.BaseDirectory, "Reputation", "Fixtures", $"search-{key}.json");
            return Results.Content(File.Exists(file) ? File.ReadAllText(file) : Fixture("search-empty.json"), "application/json");
        });
        app.MapGet("/api/explore/v2.1/catalog/datasets/annonces-commerciales/records", (HttpContext http) =>
        {
            var where = http.Request.Query["where"].ToString();
            fake.Requests.Enqueue($"bodacc {where}");
            var siren = new string([.. where.Where(char.IsAsciiDigit)]);
            var file = Path.Combine(AppContext.BaseDirectory, "Reputation", "Fixtures", $"bodacc-{siren}.json");
            return Results.Content(File.Exists(file) ? File.ReadAllText(file) : Fixture("bodacc-empty.json"), "application/json");
        });
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    public RegistryKit Kit(Database db, TimeProvider? clock = null, TimeSpan? timeout = null)
    {
        var options = new RegistryOptions { SearchBaseUrl = BaseUrl, BodaccBaseUrl = BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(1) };
        clock ??= TimeProvider.System;
        return new RegistryKit(new CompanySearch(new HttpClient(), db, options, clock), new BodaccSearch(new HttpClient(), db, options, clock));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
