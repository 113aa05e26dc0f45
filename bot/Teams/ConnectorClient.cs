using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace Recouvrement.Bot.Teams;

/// <summary>Tokens for the Connector: from Microsoft.Identity.Client in production, none in Emulator mode.</summary>
public interface IConnectorTokens
{
    Task<string?> GetAsync(CancellationToken ct);
}

/// <summary>Client credentials (multi-tenant: botframework.com; single-tenant: the bot's tenant), cached by MSAL.</summary>
public sealed class MsalConnectorTokens(IOptions<TeamsOptions> options) : IConnectorTokens
{
    private readonly Lazy<IConfidentialClientApplication> _app = new(() => ConfidentialClientApplicationBuilder.Create(options.Value.AppId)
        .WithClientSecret(options.Value.AppPassword)
        .WithAuthority($"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(options.Value.TenantId) ? "botframework.com" : options.Value.TenantId)}")
        .Build());

    public async Task<string?> GetAsync(CancellationToken ct)
    {
        if (!options.Value.Authenticated)
            return null;
        var result = await _app.Value.AcquireTokenForClient(["https://api.botframework.com/.default"]).ExecuteAsync(ct).ConfigureAwait(false);
        return result.AccessToken;
    }
}

/// <summary>The three Connector calls the bot makes: reply, send (proactive), update (replace a card).</summary>
public sealed class ConnectorClient(IHttpClientFactory http, IConnectorTokens tokens)
{
    public Task ReplyAsync(string serviceUrl, string conversationId, string activityId, object activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, ct);

    public Task SendAsync(string serviceUrl, string conversationId, object activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, ct);

    public Task UpdateAsync(string serviceUrl, string conversationId, string activityId, object activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, ct);

    private async Task SendAsync(HttpMethod method, string serviceUrl, string path, object activity, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(serviceUrl.TrimEnd('/') + "/" + path))
        {
            Content = JsonContent.Create(activity, options: Activity.Json),
        };
        if (await tokens.GetAsync(ct).ConfigureAwait(false) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.CreateClient("teams-connector").SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
