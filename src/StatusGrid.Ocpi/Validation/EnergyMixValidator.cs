using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Validation;

/// <summary>Checks OCPI EnergyMix (Location.energy_mix).</summary>
public static class EnergyMixValidator
{
    public static IReadOnlyList<OcpiValidationError> Validate(EnergyMix mix, OcpiVersion version)
    {
        var ctx = new ValidationContext(version);
        Validate(ctx, string.Empty, mix);
        return ctx.Errors;
    }

    internal static void Validate(ValidationContext ctx, string path, EnergyMix mix)
    {
        ListRules.Each(ctx, JsonPaths.Field(path, "energy_sources"), mix.EnergySources, Source);
        ListRules.Each(ctx, JsonPaths.Field(path, "environ_impact"), mix.EnvironImpact, Impact);
        FieldRules.OptionalString(ctx, JsonPaths.Field(path, "supplier_name"), mix.SupplierName, 64);
        FieldRules.OptionalString(ctx, JsonPaths.Field(path, "energy_product_name"), mix.EnergyProductName, 64);
    }

    private static void Source(ValidationContext ctx, string path, EnergySource source)
    {
        FieldRules.Defined(ctx, JsonPaths.Field(path, "source"), source.Source);
        if (source.Percentage is < 0 or > 100)
        {
            ctx.Add(JsonPaths.Field(path, "percentage"), $"'percentage' must be between 0 and 100, but is {source.Percentage}");
        }
    }

    private static void Impact(ValidationContext ctx, string path, EnvironmentalImpact impact)
    {
        FieldRules.Enum(ctx, JsonPaths.Field(path, "category"), impact.Category,
            EnvironmentalImpactCategories.Known(ctx.Version), EnvironmentalImpactCategories.IsOpenIn230);
        FieldRules.NotNegative(ctx, JsonPaths.Field(path, "amount"), impact.Amount);
    }
}
