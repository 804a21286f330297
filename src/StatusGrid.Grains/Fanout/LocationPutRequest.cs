namespace StatusGrid.Grains.Fanout;

internal sealed record LocationPutRequest(string LocationId, string CountryCode, bool Publish);
