namespace Recouvrement.Skills.Common;

/// <summary>
/// Paces calls to an outside service: at most <c>perSecond</c> starts in any one-second window, and optionally a
/// minimum spacing between calls for the same key (a Telegram chat). Waits on the given clock, so tests can fake it.
/// </summary>
public sealed class RateGate(int perSecond, TimeProvider clock, TimeSpan perKeyInterval = default)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly Dictionary<long, DateTimeOffset> _lastPerKey = [];

    /// <summary>Waits for a free slot in the window and, when <paramref name="key"/> is not 0, for that key's next slot.</summary>
    public async Task WaitTurnAsync(long key, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var now = clock.GetUtcNow();
                while (_window.Count > 0 && now - _window.Peek() >= Window)
                    _window.Dequeue();
                var keyReady = key == 0 || !_lastPerKey.TryGetValue(key, out var last) ? now : last + perKeyInterval;
                var windowReady = _window.Count < perSecond ? now : _window.Peek() + Window;
                var ready = keyReady > windowReady ? keyReady : windowReady;
                if (ready <= now)
                {
                    if (key != 0)
                        _lastPerKey[key] = now;
                    _window.Enqueue(now);
                    return;
                }

                wait = ready - now;
            }
            finally
            {
                _gate.Release();
            }

            await Task.Delay(wait, clock, ct).ConfigureAwait(false);
        }
    }
}
