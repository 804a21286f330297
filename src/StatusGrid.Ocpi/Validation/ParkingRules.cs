using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Validation;

/// <summary>OCPI 2.3.0 Parking (Location.parking_places) and EVSEParking (EVSE.parking).</summary>
internal static class ParkingRules
{
    public static void Place(ValidationContext ctx, string path, Parking parking)
    {
        FieldRules.RequiredCiString(ctx, JsonPaths.Field(path, "id"), parking.Id, 36);
        FieldRules.OptionalString(ctx, JsonPaths.Field(path, "physical_reference"), parking.PhysicalReference, 12);
        var typesPath = JsonPaths.Field(path, "vehicle_types");
        if (ListRules.NotEmpty(ctx, typesPath, parking.VehicleTypes))
        {
            FieldRules.EnumList(ctx, typesPath, parking.VehicleTypes, VehicleTypes.Known(OcpiVersion.V230), VehicleTypes.IsOpenIn230);
        }

        FieldRules.NotNegative(ctx, JsonPaths.Field(path, "max_vehicle_weight"), parking.MaxVehicleWeight);
        FieldRules.NotNegative(ctx, JsonPaths.Field(path, "max_vehicle_height"), parking.MaxVehicleHeight);
        FieldRules.NotNegative(ctx, JsonPaths.Field(path, "max_vehicle_length"), parking.MaxVehicleLength);
        FieldRules.NotNegative(ctx, JsonPaths.Field(path, "max_vehicle_width"), parking.MaxVehicleWidth);
        FieldRules.NotNegative(ctx, JsonPaths.Field(path, "parking_space_length"), parking.ParkingSpaceLength);
        FieldRules.NotNegative(ctx, JsonPaths.Field(path, "parking_space_width"), parking.ParkingSpaceWidth);
        FieldRules.NotNegative(ctx, JsonPaths.Field(path, "time_limit"), parking.TimeLimit);
        FieldRules.Enum(ctx, JsonPaths.Field(path, "direction"), parking.Direction, ParkingDirections.Known(OcpiVersion.V230), ParkingDirections.IsOpenIn230, required: false);
        ImageRules.ValidateList(ctx, JsonPaths.Field(path, "images"), parking.Images);
        ListRules.Each(ctx, JsonPaths.Field(path, "standards"), parking.Standards,
            static (c, p, s) => FieldRules.RequiredCiString(c, p, s, 36));
        FieldRules.OptionalCiString(ctx, JsonPaths.Field(path, "apds_reference"), parking.ApdsReference, int.MaxValue);
    }

    public static void EvseLink(ValidationContext ctx, string path, EvseParking link)
    {
        FieldRules.RequiredCiString(ctx, JsonPaths.Field(path, "parking_id"), link.ParkingId, 36);
        FieldRules.Enum(ctx, JsonPaths.Field(path, "evse_position"), link.EvsePosition, EvsePositions.Known(OcpiVersion.V230), EvsePositions.IsOpenIn230, required: false);
    }
}
