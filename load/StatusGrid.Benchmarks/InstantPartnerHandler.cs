using System.Net;

namespace StatusGrid.Benchmarks;

/// <summary>
/// A partner that answers every push at once with OCPI success, so the partner pipeline's own cost is what is
/// measured. Yields first, as a network round trip would: a synchronous answer would recurse through the pump.
/// </summary>
internal sealed class InstantPartnerHandler : HttpMessageHandler
{
    private static readonly byte[] Ok = """{"status_code":1000,"timestamp":"2026-11-25T10:00:00Z"}"""u8.ToArray();
    private long _requests;
    private long _target = long.MaxValue;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Completes when the request count reaches <paramref name="count"/>.</summary>
    public Task WaitForAsync(long count)
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _target, count);
        if (Requests >= count)
        {
            _reached.TrySetResult();
        }

        return _reached.Task;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (Interlocked.Increment(ref _requests) >= Interlocked.Read(ref _target))
        {
            _reached.TrySetResult();
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Ok) };
    }
}
