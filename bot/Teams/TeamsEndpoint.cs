using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recouvrement.Data;

namespace Recouvrement.Bot.Teams;

/// <summary>
/// Authenticated activities waiting for the turn engine. Each is stored before the HTTP request is answered, so an
/// accepted message survives a shutdown or a crash; the store is bounded (503 beyond) and worked by several consumers.
/// </summary>
public sealed class TeamsInbox(Database db, IOptions<TeamsOptions> options, TimeProvider clock)
{
    public const string Channel = "teams";
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>False when the inbox is full: the caller answers 503 and Teams retries later.</summary>
    public async Task<bool> AcceptAsync(Activity activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var payload = JsonSerializer.Serialize(activity, Activity.Json);
        var accepted = await db.WriteAsync(async s =>
        {
            if (await s.Inbox.CountAsync(Channel).ConfigureAwait(false) >= options.Value.InboxCapacity)
                return false;
            await s.Inbox.AddAsync(Channel, activity.Conversation?.Id ?? activity.From?.Id ?? string.Empty, payload, clock.GetUtcNow()).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        if (accepted)
            _signal.Release();
        return accepted;
    }

    /// <summary>Waits for a new activity, or a second at most (claims of a crashed instance expire meanwhile).</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        try
        {
            await _signal.WaitAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}

/// <summary>
/// Works through the stored inbox with several consumers. A failure is logged and the activity retried at most three
/// times, then dropped (never retried forever); a shutdown keeps handling what was accepted for up to DrainTimeout,
/// and whatever is left is handled at the next start.
/// </summary>
public sealed partial class TeamsWorker(TeamsInbox inbox, Database db, TeamsHandler handler, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<TeamsWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private const int MaxAttempts = 3;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(0, options.Value.Consumers)).Select(_ => ConsumeAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        // After a stop is asked, keep draining until the inbox is empty or the drain time is spent.
        using var drain = new CancellationTokenSource();
        using var onStop = stoppingToken.Register(() => drain.CancelAfter(options.Value.DrainTimeout));
        var ct = drain.Token;
        while (!ct.IsCancellationRequested)
        {
            InboxItem? item;
            try
            {
                item = await db.WriteAsync(s => s.Inbox.ClaimAsync(TeamsInbox.Channel, clock.GetUtcNow(), Lease), System.Data.IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A busy or unreachable store: wait and try again, never stop the host.
                LogFailed(logger, e.GetType().Name);
                await inbox.WaitAsync(ct).ConfigureAwait(false);
                continue;
            }

            if (item is null)
            {
                if (stoppingToken.IsCancellationRequested)
                    return;
                await inbox.WaitAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }

            await HandleAsync(item, ct).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(InboxItem item, CancellationToken ct)
    {
        try
        {
            // An item once started is finished (its turn may write): a stop only stops new claims.
            var activity = JsonSerializer.Deserialize<Activity>(item.Payload, Activity.Json);
            if (activity is not null)
                await handler.HandleAsync(activity, CancellationToken.None).ConfigureAwait(false);
            await db.WriteAsync(s => s.Inbox.CompleteAsync(item.Id), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Not finished: handed back for the next start.
            await db.WriteAsync(s => s.Inbox.ReleaseAsync(item.Id), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogFailed(logger, e.GetType().Name);
            if (item.Attempts >= MaxAttempts)
            {
                // A poison message: dropped after its last attempt, never retried forever.
                LogDropped(logger, item.Id, item.Attempts);
                await db.WriteAsync(s => s.Inbox.CompleteAsync(item.Id), CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await db.WriteAsync(s => s.Inbox.ReleaseAsync(item.Id), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Error, Message = "A Teams activity failed ({Error}); the connector may be down")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 131, Level = LogLevel.Error, Message = "Teams activity {Id} dropped after {Attempts} attempts")]
    private static partial void LogDropped(ILogger logger, long id, long attempts);
}

/// <summary>POST /api/messages as Bot Framework answers it: 405 / 400 / 401 / 200 (501 for invokes it does not handle).</summary>
public static partial class TeamsEndpoint
{
    public const string Path = "/api/messages";

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods(Path, ["GET", "PUT", "DELETE", "PATCH"], () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed));
        app.MapPost(Path, async (HttpContext http, BotAuthenticator auth, TeamsInbox inbox, IOptions<TeamsOptions> options, ILoggerFactory loggers) =>
        {
            Activity? activity;
            try
            {
                activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, Activity.Json, http.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return Results.BadRequest();
            }

            if (activity?.Type is null)
                return Results.BadRequest();
            var logger = loggers.CreateLogger(typeof(TeamsEndpoint));
            if (options.Value.Authenticated)
            {
                AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization.ToString(), out var header);
                if (await auth.ValidateAsync(header, activity, http.RequestAborted).ConfigureAwait(false) is { } why)
                {
                    LogRejected(logger, why);
                    return Results.Unauthorized();
                }
            }
            else if (!IsLoopback(activity.ServiceUrl))
            {
                // Emulator mode answers only a local Emulator: an unverified serviceUrl never gets a reply.
                LogRejected(logger, "emulator mode with a non-local serviceUrl");
                return Results.Unauthorized();
            }

            // The one invoke the bot answers: a file consent card's accept/decline (stored, then handled like a message).
            if (activity.Type == "invoke" && activity.Name != TeamsFiles.ConsentInvoke)
                return Results.StatusCode(StatusCodes.Status501NotImplemented);
            if (!await inbox.AcceptAsync(activity, http.RequestAborted).ConfigureAwait(false))
            {
                // Full: Bot Framework retries later; nothing accepted is ever dropped.
                http.Response.Headers.RetryAfter = "5";
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Ok();
        });
    }

    private static bool IsLoopback(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.IsLoopback;

    [LoggerMessage(EventId = 140, Level = LogLevel.Warning, Message = "Teams activity rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
