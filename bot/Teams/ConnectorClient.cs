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

    /// <summary>
    /// A file the user uploaded in a personal chat (its pre-authenticated download URL, no token sent); null when it is
    /// larger than <paramref name="maxBytes"/>, read no further than that.
    /// </summary>
    public async Task<byte[]?> DownloadAsync(Uri url, int maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var response = await http.CreateClient("teams-connector").GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > maxBytes)
            return null;
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Puts a file at the upload URL a file consent answer gave (a pre-authenticated OneDrive session: no bot token),
    /// in one range, as the upload session expects.
    /// </summary>
    public async Task UploadAsync(Uri uploadUrl, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(uploadUrl);
        ArgumentNullException.ThrowIfNull(content);
        using var body = new ByteArrayContent(content);
        body.Headers.ContentRange = new ContentRangeHeaderValue(0, Math.Max(0, content.LongLength - 1), content.LongLength);
        using var response = await http.CreateClient("teams-connector").PutAsync(uploadUrl, body, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

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
