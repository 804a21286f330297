using System.Diagnostics;
using StatusGrid.LoadDriver.Api;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>What the sender saw: counts from the ingest answers, request latency, the send window. Thread-safe.</summary>
internal sealed class IngestStats
{
    private long _requests;
    private long _errors;
    private long _sent;
    private long _applied;
    private long _duplicates;
    private long _stale;
    private long _rejected;
    private long _firstSend;
    private long _lastAnswer;
    private string? _firstError;

    public LatencyHistogram RequestLatency { get; } = new();

    public void Started(long timestamp) => Interlocked.CompareExchange(ref _firstSend, timestamp, 0);

    public void Answered(int sent, IngestResult result, long sentAt, long answeredAt)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _sent, sent);
        Interlocked.Add(ref _applied, result.Applied);
        Interlocked.Add(ref _duplicates, result.Duplicates);
        Interlocked.Add(ref _stale, result.Stale);
        Interlocked.Add(ref _rejected, result.Rejected);
        RequestLatency.RecordMicros((long)Stopwatch.GetElapsedTime(sentAt, answeredAt).TotalMicroseconds);
        Later(answeredAt);
    }

    public void Failed(int sent, Exception error, long answeredAt)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _errors);
        Interlocked.Add(ref _sent, sent);
        Interlocked.CompareExchange(ref _firstError, error.Message, null);
        Later(answeredAt);
    }

    public IngestSummary Summarize()
    {
        var first = Interlocked.Read(ref _firstSend);
        var last = Interlocked.Read(ref _lastAnswer);
        var window = first == 0 || last <= first ? TimeSpan.Zero : Stopwatch.GetElapsedTime(first, last);
        return new IngestSummary(
            Interlocked.Read(ref _requests), Interlocked.Read(ref _errors), _firstError,
            Interlocked.Read(ref _sent), Interlocked.Read(ref _applied), Interlocked.Read(ref _duplicates),
            Interlocked.Read(ref _stale), Interlocked.Read(ref _rejected), window, RequestLatency.Summarize());
    }

    public long LastAnswerTimestamp => Interlocked.Read(ref _lastAnswer);

    private void Later(long timestamp)
    {
        long current;
        while ((current = Interlocked.Read(ref _lastAnswer)) < timestamp
            && Interlocked.CompareExchange(ref _lastAnswer, timestamp, current) != current)
        {
        }
    }
}
