using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.OcpiApi;

namespace StatusGrid.Server.Admin.Partners;

internal static class PartnerRequestValidator
{
    public static (PartnerConfig? Config, List<OcpiValidationError> Errors) Validate(PartnerRequest r, string? idFromUrl, PartnerUrlRule urls)
    {
        var errors = new List<OcpiValidationError>();
        if (!OcpiVersions.TryParse(r.OcpiVersion, out var version))
        {
            errors.Add(new("ocpi_version", $"Required; one of {OcpiVersions.V211}, {OcpiVersions.V221}, {OcpiVersions.V230}."));
        }

        if (r.LocationsUrl is not null && urls.Check(r.LocationsUrl) is { } urlRule)
        {
            errors.Add(new("locations_url", $"Must be {urlRule}: the partner's Locations receiver endpoint."));
        }

        if (r.Token is not { Length: > 0 and <= 64 } token || token.Any(c => c < '!' || c > '~'))
        {
            errors.Add(new("token", "Required: 1 to 64 printable ASCII characters without spaces (the credentials token we send)."));
        }

        if (r.CountryCode is not { Length: 2 } cc || !cc.All(char.IsAsciiLetter))
        {
            errors.Add(new("country_code", "Required: ISO 3166-1 alpha-2, two letters."));
        }

        if (r.PartyId is not { Length: 3 } party || !party.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add(new("party_id", "Required: three letters or digits."));
        }

        if (r.MaxConcurrency is < PartnerSettings.MinLimit or > PartnerSettings.MaxConcurrency)
        {
            errors.Add(new("max_concurrency", "Between 1 and 256."));
        }

        if (r.MaxRequestsPerSecond is < PartnerSettings.MinLimit or > PartnerSettings.MaxRequestsPerSecond)
        {
            errors.Add(new("max_requests_per_second", "Between 1 and 100000 (leave it out for no limit)."));
        }

        var mode = r.DeliveryMode is null ? DeliveryMode.Latest : PartnerSettings.ParseMode(r.DeliveryMode);
        if (mode is null)
        {
            errors.Add(new("delivery_mode", "'latest' (the default: each EVSE's latest state) or 'ordered' (every state, in order, store and forward)."));
        }

        if (r.MaxBacklog is < PartnerSettings.MinLimit or > PartnerSettings.MaxBacklog)
        {
            errors.Add(new("max_backlog", "Between 1 and 10000000."));
        }

        if (r.HubId is { } hubId && (hubId.Length is 0 or > 64 || hubId.Any(c => c < '!' || c > '~' || c == '/')))
        {
            errors.Add(new("hub_id", "The id of the hub partner this partner is reached through."));
        }

        var id = idFromUrl ?? r.Id ?? (errors.Count == 0 ? $"{r.CountryCode}*{r.PartyId}".ToUpperInvariant() : null);
        if (r.Id is not null && idFromUrl is not null && !string.Equals(r.Id, idFromUrl, StringComparison.Ordinal))
        {
            errors.Add(new("id", $"'{r.Id}' does not match the URL's partner id '{idFromUrl}'."));
        }

        if (id is not null && !PartnerIds.IsValid(id))
        {
            errors.Add(new("id", PartnerIds.Rule));
        }

        PartnerFilterValidator.Check(r.Filter, errors);

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var filter = new PartnerFilter
        {
            // 2.1.1 has no publish flag: an unpublished Location would be public there, so such partners never get one.
            PublishedOnly = version == OcpiVersion.V211 || (r.Filter?.PublishedOnly ?? true),
            // Stored alpha-3: the Location's country is alpha-3, so what the partner sees is what the admin view shows.
            Countries = PartnerFilterValidator.Countries(r.Filter),
            LocationIds = PartnerFilterValidator.LocationIds(r.Filter),
        };
        return (new PartnerConfig
        {
            Id = id!,
            Name = r.Name,
            OcpiVersion = version,
            LocationsUrl = r.LocationsUrl,
            Token = r.Token!,
            CountryCode = r.CountryCode!.ToUpperInvariant(),
            PartyId = r.PartyId!.ToUpperInvariant(),
            Filter = filter,
            MaxConcurrency = r.MaxConcurrency,
            Enabled = r.Enabled ?? true,
            RawTokenHeader = r.RawTokenHeader ?? false,
            HubId = r.HubId,
            MaxRequestsPerSecond = r.MaxRequestsPerSecond,
            DeliveryMode = mode ?? DeliveryMode.Latest,
            MaxBacklog = r.MaxBacklog,
        }, errors);
    }
}
