namespace StatusGrid.Server.Tests;

/// <summary>
/// Keeps the test host hermetic: a call to a partner outside loopback (e.g. the spec examples' example.com) fails at
/// once, as an unreachable partner would, instead of going out to the network.
/// </summary>
public sealed class LoopbackOnlyHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.RequestUri is { IsLoopback: true }
            ? base.SendAsync(request, cancellationToken)
            : throw new HttpRequestException($"the test host is offline: {request.RequestUri?.Host} cannot be reached");
}
