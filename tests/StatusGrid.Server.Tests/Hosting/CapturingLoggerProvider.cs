using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>One log entry as a test reads it back.</summary>
internal sealed record CapturedLog(LogLevel Level, string Category, string Message, Exception? Exception);

/// <summary>Keeps every log entry of Information and above, for tests of what the server logs.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<CapturedLog> logs) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), exception));
    }
}
