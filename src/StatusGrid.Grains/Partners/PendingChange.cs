using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Partners;

/// <param name="Since">When this EVSE first became pending for the partner (kept across coalescing, for the age metric).</param>
public sealed record PendingChange(EvseStatusChange Change, DateTimeOffset Since);
