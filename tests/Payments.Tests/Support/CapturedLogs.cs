using Microsoft.Extensions.Logging;

namespace Payments.Tests.Support;

/// <summary>
/// Every log line our hosts write during the test run, appended to artifacts/logs/*.log, so that the card-data scan at the
/// end of the suite reads exactly what a log shipper would have received (message and exception text).
/// </summary>
public sealed class CapturedLogs(string service) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    // Each test run starts with empty logs, so the final scan reads what this run wrote.
    private static readonly Lazy<string> Dir = new(() =>
    {
        var dir = TestPaths.ArtifactsDir("logs");
        foreach (var file in Directory.GetFiles(dir, "*.log")) File.Delete(file);
        return dir;
    });

    public static string LogDirectory => Dir.Value;

    public static string LogFile(string service) => Path.Combine(Dir.Value, service + ".log");

    public ILogger CreateLogger(string categoryName) => new FileLogger(LogFile(service), categoryName);

    public void Dispose() { }

    private sealed class FileLogger(string path, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception)}\n";
            lock (Gate) File.AppendAllText(path, line);
        }
    }

    public static void Attach(WebApplication app, string service) =>
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(new CapturedLogs(service));
}
