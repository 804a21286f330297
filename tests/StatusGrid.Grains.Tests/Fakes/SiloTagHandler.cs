namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>Names the silo that sent each partner request (header <c>X-Test-Silo</c>), for logs and crash tests.</summary>
public sealed class SiloTagHandler(string siloName) : DelegatingHandler
{
    public const string Header = "X-Test-Silo";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(Header, siloName);
        return base.SendAsync(request, cancellationToken);
    }
}
