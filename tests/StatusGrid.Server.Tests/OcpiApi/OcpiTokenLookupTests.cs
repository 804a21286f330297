using StatusGrid.Contracts.Registrations;
using StatusGrid.Server.Hosting;
using StatusGrid.Server.Http;
using StatusGrid.Server.OcpiApi.Auth;
using StatusGrid.Server.Tests.Ingest;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>
/// Every OCPI request looks its token up in a grain. A token that cannot be ours never reaches the cluster, an
/// unknown one is remembered, and a token grain that does not answer costs the request the read bound
/// (<c>StatusGrid:Limits:ClusterReadTimeout</c>), not Orleans' 30 s.
/// </summary>
public sealed class OcpiTokenLookupTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_token_grain_that_does_not_answer_fails_the_lookup_at_the_read_bound_naming_the_setting()
    {
        var grains = new TokenGrains(answer: () => new TaskCompletionSource<OcpiTokenGrant?>().Task);
        using var lookup = new OcpiTokenLookup(grains.Factory, Reads(TimeSpan.FromMilliseconds(100)));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => lookup.FindAsync(OcpiTokenGenerator.New()).WaitAsync(Patience));

        Assert.Contains("StatusGrid:Limits:ClusterReadTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, grains.Calls);
    }

    [Fact]
    public async Task An_unknown_token_is_looked_up_once_and_a_token_that_cannot_be_ours_never()
    {
        var grains = new TokenGrains(answer: () => Task.FromResult<OcpiTokenGrant?>(null));
        using var lookup = new OcpiTokenLookup(grains.Factory, Reads(TimeSpan.FromSeconds(5)));
        var unknown = OcpiTokenGenerator.New();

        Assert.Null(await lookup.FindAsync(unknown));
        Assert.Null(await lookup.FindAsync(unknown));
        Assert.Null(await lookup.FindAsync("not-one-of-ours"));

        Assert.Equal(1, grains.Calls);
    }

    private static ClusterReads Reads(TimeSpan timeout) => new(
        new StaticOptionsMonitor<RequestLimitOptions>(new RequestLimitOptions { ClusterReadTimeout = timeout }), TimeProvider.System);

    private sealed class TokenGrains(Func<Task<OcpiTokenGrant?>> answer)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public IGrainFactory Factory => ScriptedGrains.Proxy<IGrainFactory>((method, _) =>
            method.Name == nameof(IGrainFactory.GetGrain) && method.IsGenericMethod && method.GetGenericArguments()[0] == typeof(IOcpiTokenGrain)
                ? ScriptedGrains.Proxy<IOcpiTokenGrain>((grainMethod, _) =>
                {
                    Interlocked.Increment(ref _calls);
                    return grainMethod.Name == nameof(IOcpiTokenGrain.Get) ? answer() : throw new NotSupportedException(grainMethod.Name);
                })
                : throw new NotSupportedException(method.Name));
    }
}
