using System.Text.Json;
using System.Text.Json.Nodes;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Server.Admin.Partners;

/// <summary>
/// <c>PATCH /api/admin/partners/{id}</c>: how a partner is delivered to, changed without the rest of its configuration
/// (its URL and token, or what a handshake learnt, such as that it is a hub). A field left out stays as it is; null
/// puts a limit back to its default. These are the CPO's choices, so a refresh of a registration keeps them.
/// </summary>
internal static class PartnerSettings
{
    public const int MinLimit = 1;
    public const int MaxConcurrency = 256;
    public const int MaxRequestsPerSecond = 100_000;
    public const int MaxBacklog = 10_000_000;

    private static readonly string[] Known = ["delivery_mode", "max_requests_per_second", "max_backlog", "max_concurrency", "enabled"];

    public static (PartnerConfig? Config, List<OcpiValidationError> Errors) Apply(PartnerConfig config, JsonNode? body)
    {
        var errors = new List<OcpiValidationError>();
        if (body is not JsonObject fields)
        {
            errors.Add(new("", $"A JSON object with any of: {string.Join(", ", Known)}."));
            return (null, errors);
        }

        var changed = config;
        foreach (var (name, value) in fields)
        {
            switch (name)
            {
                case "delivery_mode" when value is JsonValue v && v.TryGetValue<string>(out var mode) && ParseMode(mode) is { } parsed:
                    changed = changed with { DeliveryMode = parsed };
                    break;
                case "delivery_mode":
                    errors.Add(new(name, "'latest' (each EVSE's latest state) or 'ordered' (every state, in order, store and forward)."));
                    break;
                case "max_requests_per_second":
                    changed = Limit(name, value, MinLimit, MaxRequestsPerSecond, errors) is var (set, rate) && set ? changed with { MaxRequestsPerSecond = rate } : changed;
                    break;
                case "max_backlog":
                    changed = Limit(name, value, MinLimit, MaxBacklog, errors) is var (set2, backlog) && set2 ? changed with { MaxBacklog = backlog } : changed;
                    break;
                case "max_concurrency":
                    changed = Limit(name, value, MinLimit, MaxConcurrency, errors) is var (set3, concurrency) && set3 ? changed with { MaxConcurrency = concurrency } : changed;
                    break;
                case "enabled" when value is JsonValue v && v.TryGetValue<bool>(out var enabled):
                    changed = changed with { Enabled = enabled };
                    break;
                case "enabled":
                    errors.Add(new(name, "true or false."));
                    break;
                default:
                    errors.Add(new(name, $"Not a delivery setting (these are: {string.Join(", ", Known)}); PUT /api/admin/partners/{{id}} replaces a partner added by hand, and a refresh of its registration renews a handshake partner's token and URLs."));
                    break;
            }
        }

        return errors.Count == 0 ? (changed, errors) : (null, errors);
    }

    /// <summary>
    /// Exactly 'latest' or 'ordered' (any case). Not Enum.TryParse: it takes "7" (no such mode) and "1" or
    /// "latest,ordered" (silently ordered).
    /// </summary>
    public static DeliveryMode? ParseMode(string? name) => name?.ToLowerInvariant() switch
    {
        "latest" => DeliveryMode.Latest,
        "ordered" => DeliveryMode.Ordered,
        _ => null,
    };

    /// <returns>Whether to set it, and to what (null: back to the default).</returns>
    private static (bool Set, int? Value) Limit(string name, JsonNode? value, int min, int max, List<OcpiValidationError> errors)
    {
        if (value is null)
        {
            return (true, null);
        }

        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var number) && number >= min && number <= max)
        {
            return (true, number);
        }

        errors.Add(new(name, $"A whole number from {min} to {max}, or null for the default."));
        return (false, null);
    }
}
