using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Recouvrement.Bot.Teams;

/// <summary>
/// Validates the Bot Framework's JWT on each activity (reference 1.4): issuer, audience = app id, lifetime with
/// 5 minutes' skew, RS256/384/512 only, a signing key from the OpenID metadata (refreshed once on an unknown key id)
/// whose endorsements include the activity's channel, and a serviceurl claim equal to the activity's serviceUrl.
/// </summary>
public sealed partial class BotAuthenticator
{
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private readonly TeamsOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;

    public BotAuthenticator(IOptions<TeamsOptions> options, IHttpClientFactory http, TimeProvider clock, ILogger<BotAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        _options = options.Value;
        _logger = logger;
        _clock = clock;
        var retriever = new HttpDocumentRetriever(http.CreateClient("teams-openid")) { RequireHttps = _options.OpenIdMetadataUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(_options.OpenIdMetadataUrl, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = TimeSpan.FromDays(1),
            RefreshInterval = TimeSpan.FromMinutes(5),
        };
    }

    /// <returns>Null when the request is authentic; otherwise why not (for the log, never for the caller).</returns>
    public async Task<string?> ValidateAsync(AuthenticationHeaderValue? header, Activity activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (header is not { Scheme: "Bearer", Parameter: { Length: > 0 } token })
            return "no bearer token";
        for (var attempt = 0; attempt < 2; attempt++)
        {
            OpenIdConnectConfiguration config;
            try
            {
                config = await _metadata.GetConfigurationAsync(ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                LogMetadata(_logger, e.GetType().Name);
                return "metadata unavailable";
            }

            var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuer = _options.Issuer,
                ValidAudience = _options.AppId,
                IssuerSigningKeys = config.SigningKeys,
                ValidAlgorithms = Algorithms,
                ClockSkew = TimeSpan.FromMinutes(5),
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateLifetime = true,
                LifetimeValidator = (notBefore, expires, _, p) =>
                {
                    var now = _clock.GetUtcNow().UtcDateTime;
                    return (notBefore is null || notBefore.Value <= now + p.ClockSkew) && expires is { } e && e >= now - p.ClockSkew;
                },
            }).ConfigureAwait(false);
            if (!result.IsValid)
            {
                // A key id we have never seen: the keys may have rolled over; fetch them once more.
                if (attempt == 0 && result.Exception is SecurityTokenSignatureKeyNotFoundException)
                {
                    _metadata.RequestRefresh();
                    continue;
                }

                return result.Exception?.GetType().Name ?? "invalid token";
            }

            var jwt = (JsonWebToken)result.SecurityToken;
            var key = config.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == jwt.Kid);
            var endorsements = key is not null && key.AdditionalData.TryGetValue("endorsements", out var raw) ? Strings(raw) : [];
            if (!endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
                return "key not endorsed for this channel";
            var serviceUrl = jwt.TryGetPayloadValue<string>("serviceurl", out var claimed) ? claimed : null;
            if (serviceUrl is null || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
                return "serviceurl claim differs";
            return null;
        }

        return "unknown signing key";
    }

    /// <summary>An unknown JWK member comes back as a JSON element or a list, depending on the library's version.</summary>
    private static List<string> Strings(object? value) => value switch
    {
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } a => [.. a.EnumerateArray().Select(x => x.ToString())],
        string one => [one],
        System.Collections.IEnumerable many => [.. many.Cast<object?>().Select(x => x?.ToString() ?? string.Empty)],
        _ => [],
    };

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Bot Framework OpenID metadata unavailable ({Error})")]
    private static partial void LogMetadata(ILogger logger, string error);
}
