using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI Location (2.2.1, plus the optional 2.3.0 additions <see cref="ParkingPlaces"/> and <see cref="HelpPhone"/>).</summary>
public sealed record Location
{
    /// <summary>ISO 3166-1 alpha-2 of the owning CPO, CiString(2).</summary>
    [JsonPropertyName("country_code")]
    public required string CountryCode { get; init; }

    /// <summary>Owning CPO party id, CiString(3).</summary>
    [JsonPropertyName("party_id")]
    public required string PartyId { get; init; }

    /// <summary>CiString(36), unique within the CPO platform and immutable.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("publish")]
    public required bool Publish { get; init; }

    /// <summary>Only meaningful when Publish is false.</summary>
    [JsonPropertyName("publish_allowed_to")]
    public IReadOnlyList<PublishTokenType>? PublishAllowedTo { get; init => field = ValueList.From(value); }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("address")]
    public required string Address { get; init; }

    [JsonPropertyName("city")]
    public required string City { get; init; }

    [JsonPropertyName("postal_code")]
    public string? PostalCode { get; init; }

    [JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>ISO 3166-1 alpha-3.</summary>
    [JsonPropertyName("country")]
    public required string Country { get; init; }

    [JsonPropertyName("coordinates")]
    public required GeoLocation Coordinates { get; init; }

    [JsonPropertyName("related_locations")]
    public IReadOnlyList<AdditionalGeoLocation>? RelatedLocations { get; init => field = ValueList.From(value); }

    /// <summary>ParkingType value; a string because the enum is open in 2.3.0 (see ParkingTypes).</summary>
    [JsonPropertyName("parking_type")]
    public string? ParkingType { get; init; }

    [JsonPropertyName("evses")]
    public IReadOnlyList<Evse>? Evses { get; init => field = ValueList.From(value); }

    [JsonPropertyName("directions")]
    public IReadOnlyList<DisplayText>? Directions { get; init => field = ValueList.From(value); }

    [JsonPropertyName("operator")]
    public BusinessDetails? Operator { get; init; }

    [JsonPropertyName("suboperator")]
    public BusinessDetails? Suboperator { get; init; }

    [JsonPropertyName("owner")]
    public BusinessDetails? Owner { get; init; }

    /// <summary>Facility values (see Facilities).</summary>
    [JsonPropertyName("facilities")]
    public IReadOnlyList<string>? Facilities { get; init => field = ValueList.From(value); }

    /// <summary>IANA time zone, e.g. Europe/Oslo.</summary>
    [JsonPropertyName("time_zone")]
    public required string TimeZone { get; init; }

    [JsonPropertyName("opening_times")]
    public Hours? OpeningTimes { get; init; }

    /// <summary>Absent means the spec default, true.</summary>
    [JsonPropertyName("charging_when_closed")]
    public bool? ChargingWhenClosed { get; init; }

    [JsonPropertyName("images")]
    public IReadOnlyList<Image>? Images { get; init => field = ValueList.From(value); }

    [JsonPropertyName("energy_mix")]
    public EnergyMix? EnergyMix { get; init; }

    /// <summary>2.3.0 only.</summary>
    [JsonPropertyName("parking_places")]
    public IReadOnlyList<Parking>? ParkingPlaces { get; init => field = ValueList.From(value); }

    /// <summary>2.3.0 only, CiString(25).</summary>
    [JsonPropertyName("help_phone")]
    public string? HelpPhone { get; init; }

    [JsonPropertyName("last_updated")]
    public required DateTimeOffset LastUpdated { get; init; }
}
