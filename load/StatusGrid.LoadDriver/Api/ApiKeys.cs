namespace StatusGrid.LoadDriver.Api;

/// <summary>The keys StatusGrid is started with (the defaults from appsettings.json unless given).</summary>
internal sealed record ApiKeys(string Admin = "change-me-admin", string Ingest = "change-me-ingest");
