using System.Text.RegularExpressions;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Validation;

/// <summary>Checks OCPI Hours (Location.opening_times).</summary>
public static partial class HoursValidator
{
    public static IReadOnlyList<OcpiValidationError> Validate(Hours hours, OcpiVersion version)
    {
        var ctx = new ValidationContext(version);
        Validate(ctx, string.Empty, hours);
        return ctx.Errors;
    }

    internal static void Validate(ValidationContext ctx, string path, Hours hours)
    {
        var regularPath = JsonPaths.Field(path, "regular_hours");
        var hasRegular = hours.RegularHours is { Count: > 0 };
        if (!hours.Twentyfourseven && !hasRegular)
        {
            ctx.Add(regularPath, "'regular_hours' needs at least one entry when 'twentyfourseven' is false");
        }

        // 2.2.1 allows regular_hours only when not 24/7. 2.1.1 made them a choice, which the 2.1.1 shape resolves.
        if (hours.Twentyfourseven && hasRegular && ctx.Version != OcpiVersion.V211)
        {
            ctx.Add(regularPath, "'regular_hours' must be empty when 'twentyfourseven' is true");
        }

        ListRules.Each(ctx, regularPath, hours.RegularHours, Regular);
        ListRules.Each(ctx, JsonPaths.Field(path, "exceptional_openings"), hours.ExceptionalOpenings, Exceptional);
        ListRules.Each(ctx, JsonPaths.Field(path, "exceptional_closings"), hours.ExceptionalClosings, Exceptional);
    }

    private static void Regular(ValidationContext ctx, string path, RegularHours regular)
    {
        if (regular.Weekday is < 1 or > 7)
        {
            ctx.Add(JsonPaths.Field(path, "weekday"), $"'weekday' must be 1 (Monday) to 7 (Sunday), but is {regular.Weekday}");
        }

        var beginOk = Time(ctx, JsonPaths.Field(path, "period_begin"), regular.PeriodBegin);
        var endOk = Time(ctx, JsonPaths.Field(path, "period_end"), regular.PeriodEnd);
        if (beginOk && endOk && string.CompareOrdinal(regular.PeriodEnd, regular.PeriodBegin) <= 0)
        {
            ctx.Add(JsonPaths.Field(path, "period_end"), $"'period_end' ({regular.PeriodEnd}) must be later than 'period_begin' ({regular.PeriodBegin})");
        }
    }

    private static bool Time(ValidationContext ctx, string path, string? value)
    {
        if (!FieldRules.Present(ctx, path, value))
        {
            return false;
        }

        if (!TimeOfDay().IsMatch(value!))
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must be a time HH:mm (00:00 to 23:59), but is '{value}'");
            return false;
        }

        return true;
    }

    private static void Exceptional(ValidationContext ctx, string path, ExceptionalPeriod period)
    {
        FieldRules.Timestamp(ctx, JsonPaths.Field(path, "period_begin"), period.PeriodBegin);
        FieldRules.Timestamp(ctx, JsonPaths.Field(path, "period_end"), period.PeriodEnd);
        if (period.PeriodBegin != default && period.PeriodEnd != default && period.PeriodEnd <= period.PeriodBegin)
        {
            ctx.Add(JsonPaths.Field(path, "period_end"), "'period_end' must be later than 'period_begin'");
        }
    }

    [GeneratedRegex(@"^([0-1][0-9]|2[0-3]):[0-5][0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();
}
