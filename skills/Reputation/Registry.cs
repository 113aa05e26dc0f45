using System.Globalization;
using System.Net;
using System.Text.Json;
using Recouvrement.Data;

namespace Recouvrement.Skills.Reputation;

/// <summary>The `Registry` section.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    public string SearchBaseUrl { get; set; } = "https://recherche-entreprises.api.gouv.fr";
    public string BodaccBaseUrl { get; set; } = "https://bodacc-datadila.opendatasoft.com";
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>API Recherche d'entreprises allows 7 requests a second per IP.</summary>
    public int SearchPerSecond { get; set; } = 7;

    /// <summary>The longest Retry-After honoured inline; longer means "unreachable for now".</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    public string UserAgent { get; set; } = "Recouvrement/1.0 (+https://github.com/recouvrement)";
}

public sealed record Director(string Name, string? Role);

/// <summary>A company as API Recherche d'entreprises describes it (fields masked as [NON-DIFFUSIBLE] are null).</summary>
public sealed record Company
{
    public required string Siren { get; init; }
    public required string Name { get; init; }
    public bool Ceased { get; init; }
    public DateOnly? Created { get; init; }
    public DateOnly? Closed { get; init; }
    public string? LegalForm { get; init; }
    public string? Category { get; init; }
    public string? HeadOffice { get; init; }
    public bool SoleTrader { get; init; }
    public bool NonDiffusible { get; init; }
    public IReadOnlyList<Director> Directors { get; init; } = [];
    public (int Year, long? Turnover, long? NetResult)? LastFinances { get; init; }
}

/// <summary>An answer from a source, or why it could not be had (the check still answers without it).</summary>
public sealed record SourceResult<T>(T? Value, string? Error)
    where T : class;

/// <summary>
/// A good citizen of a public API: one gate for its rate, a timeout, a User-Agent, Retry-After honoured once,
/// and only well-formed successful answers cached in the store.
/// </summary>
public abstract class RegistryClient(HttpClient http, Database db, RegistryOptions options, TimeProvider clock, int perSecond)
{
    private readonly Common.RateGate _pace = new(perSecond, clock);

    protected RegistryOptions Options { get; } = options;

    protected abstract string Source { get; }

    /// <summary>Fetches (or reads from the cache) a JSON body; null with the reason when the source fails.</summary>
    protected async Task<(JsonDocument? Json, string? Error)> GetJsonAsync(Uri url, string cacheKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cached = await db.ReadAsync(s => s.Reputation.CachedAsync(Source, cacheKey, now - Options.CacheFor), ct).ConfigureAwait(false);
        if (cached is not null)
            return (JsonDocument.Parse(cached), null);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await _pace.WaitTurnAsync(0, ct).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Options.Timeout);
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.UserAgent.ParseAdd(Options.UserAgent);
                response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return (null, "timeout");
            }
            catch (HttpRequestException e)
            {
                return (null, e.StatusCode is { } code ? $"HTTP {(int)code}" : "unreachable");
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt == 1)
                {
                    var wait = response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - clock.GetUtcNow()) ?? TimeSpan.FromSeconds(1);
                    if (wait > Options.MaxRetryAfter)
                        return (null, "HTTP 429");
                    await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, clock, ct).ConfigureAwait(false);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                    return (null, $"HTTP {(int)response.StatusCode}");
                var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                JsonDocument json;
                try
                {
                    json = JsonDocument.Parse(body);
                }
                catch (JsonException)
                {
                    return (null, "malformed answer");
                }

                await db.WriteAsync(s => s.Reputation.CacheAsync(Source, cacheKey, body, clock.GetUtcNow()), ct).ConfigureAwait(false);
                return (json, null);
            }
        }

        return (null, "HTTP 429");
    }

    protected static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { } s && s != "[NON-DIFFUSIBLE]" && s.Length > 0 ? s : null;

    protected static DateOnly? Date(JsonElement e, string name) =>
        Text(e, name) is { } s && DateOnly.TryParseExact(s[..Math.Min(10, s.Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

/// <summary>API Recherche d'entreprises: /search by SIREN, SIRET or name.</summary>
public sealed class CompanySearch(HttpClient http, Database db, RegistryOptions options, TimeProvider clock)
    : RegistryClient(http, db, options, clock, options.SearchPerSecond)
{
    protected override string Source => "recherche-entreprises";

    public async Task<SourceResult<IReadOnlyList<Company>>> SearchAsync(string query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = query.Trim();
        var url = new Uri($"{Options.SearchBaseUrl.TrimEnd('/')}/search?q={Uri.EscapeDataString(q)}&per_page=5");
        var (json, error) = await GetJsonAsync(url, TextKey.Key(q), ct).ConfigureAwait(false);
        if (json is null)
            return new(null, error);
        using (json)
        {
            if (!json.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                return new(null, "malformed answer");
            return new([.. results.EnumerateArray().Select(Parse).OfType<Company>()], null);
        }
    }

    internal static Company? Parse(JsonElement r)
    {
        if (Text(r, "siren") is not { Length: 9 } siren)
            return null;
        var complements = r.TryGetProperty("complements", out var c) ? c : default;
        var soleTrader = (complements.ValueKind == JsonValueKind.Object && complements.TryGetProperty("est_entrepreneur_individuel", out var ei) && ei.ValueKind == JsonValueKind.True)
            || Text(r, "nature_juridique") == "1000";
        var directors = new List<Director>();
        if (r.TryGetProperty("dirigeants", out var ds) && ds.ValueKind == JsonValueKind.Array)
        {
            foreach (var d in ds.EnumerateArray())
            {
                var name = Text(d, "denomination") ?? string.Join(' ', new[] { Text(d, "prenoms"), Text(d, "nom") }.Where(x => x is not null));
                if (name.Length > 0)
                    directors.Add(new Director(name, Text(d, "qualite")));
            }
        }

        (int, long?, long?)? finances = null;
        if (r.TryGetProperty("finances", out var f) && f.ValueKind == JsonValueKind.Object)
        {
            foreach (var year in f.EnumerateObject().OrderByDescending(p => p.Name, StringComparer.Ordinal))
            {
                if (int.TryParse(year.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
                {
                    long? Num(string n) => year.Value.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
                    finances = (y, Num("ca"), Num("resultat_net"));
                    break;
                }
            }
        }

        var siege = r.TryGetProperty("siege", out var sg) ? sg : default;
        return new Company
        {
            Siren = siren,
            Name = Text(r, "nom_complet") ?? Text(r, "nom_raison_sociale") ?? siren,
            Ceased = Text(r, "etat_administratif") == "C",
            Created = Date(r, "date_creation"),
            Closed = Date(r, "date_fermeture"),
            LegalForm = Text(r, "nature_juridique"),
            Category = Text(r, "categorie_entreprise"),
            HeadOffice = siege.ValueKind == JsonValueKind.Object ? Text(siege, "adresse") : null,
            SoleTrader = soleTrader,
            NonDiffusible = Text(r, "statut_diffusion") == "P" || r.ToString().Contains("[NON-DIFFUSIBLE]", StringComparison.Ordinal),
            Directors = directors,
            LastFinances = finances,
        };
    }
}
