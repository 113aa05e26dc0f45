using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Recouvrement.Tests.Support;

/// <summary>Keeps every log line, whatever the level, to prove what never reaches a log.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Line)> Entries { get; } = new();

    public IEnumerable<string> Lines => Entries.Select(e => e.Line);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, $"{category}: {formatter(state, exception)} {exception}"));
    }
}
