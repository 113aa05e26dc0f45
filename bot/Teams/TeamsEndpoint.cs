using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Recouvrement.Bot.Teams;

/// <summary>Authenticated activities waiting for the turn engine: the HTTP request is answered at once.</summary>
public sealed class TeamsInbox
{
    private readonly Channel<Activity> _queue = Channel.CreateUnbounded<Activity>();

    public ChannelReader<Activity> Reader => _queue.Reader;

    public void Post(Activity activity) => _queue.Writer.TryWrite(activity);
}

/// <summary>Works through the inbox; a failure is logged and never reaches Teams as an error.</summary>
public sealed partial class TeamsWorker(TeamsInbox inbox, TeamsHandler handler, ILogger<TeamsWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var activity in inbox.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await handler.HandleAsync(activity, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Error, Message = "A Teams activity failed ({Error}); the connector may be down")]
    private static partial void LogFailed(ILogger logger, string error);
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

            if (activity.Type == "invoke")
                return Results.StatusCode(StatusCodes.Status501NotImplemented);
            inbox.Post(activity);
            return Results.Ok();
        });
    }

    private static bool IsLoopback(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.IsLoopback;

    [LoggerMessage(EventId = 140, Level = LogLevel.Warning, Message = "Teams activity rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
