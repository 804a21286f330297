namespace StatusGrid.Grains.Tests.Fakes;

public sealed record RecordedRequest(HttpMethod Method, Uri Url, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At);
