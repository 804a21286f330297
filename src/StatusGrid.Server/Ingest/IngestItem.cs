using StatusGrid.Contracts.Evses;

namespace StatusGrid.Server.Ingest;

/// <summary>A parsed, well-formed item: the EVSE is named either by location id + EVSE uid or by evse_id.</summary>
internal sealed record IngestItem(int Index, string? LocationId, string? EvseUid, string? EvseId, StatusReport Report);
