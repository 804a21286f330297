namespace StatusGrid.Baseline;

/// <summary>One status change as received, with what the PATCH URL needs. observed_at is forwarded verbatim as last_updated.</summary>
internal sealed record BaselineChange(string CountryCode, string PartyId, string LocationId, string EvseUid, string Status, string ObservedAt);
