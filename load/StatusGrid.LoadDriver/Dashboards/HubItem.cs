namespace StatusGrid.LoadDriver.Dashboards;

/// <summary>One item of a <c>statusChanged</c> batch as sent by the hub.</summary>
internal readonly record struct HubItem(string? LocationId, string? EvseUid, string? Status, string? LastUpdated);
