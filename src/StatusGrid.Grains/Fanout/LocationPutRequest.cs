namespace StatusGrid.Grains.Fanout;

internal sealed record LocationPutRequest(string LocationId, string Country, bool Publish);
