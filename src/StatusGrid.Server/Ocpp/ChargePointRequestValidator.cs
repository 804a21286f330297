using System.Collections.Immutable;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// Checks a registration and turns it into grain state: identity, password (supplied or generated), unique ids, known
/// EVSEs. A generated secret is returned with the registration, the only place it exists in clear.
/// </summary>
public static class ChargePointRequestValidator
{
    private const int MaxOcpiIdLength = 36;

    public static async Task<(ChargePointRegistration? Registration, string? GeneratedPassword, List<OcpiValidationError> Errors)> ValidateAsync(
        string identity, ChargePointRequest body, ChargePointRegistration? existing, IGrainFactory grains)
    {
        var errors = new List<OcpiValidationError>();
        if (!OcppIdentity.IsValid(identity))
        {
            errors.Add(new("identity", $"1 to {OcppIdentity.MaxLength} of the characters a-z A-Z 0-9 * - _ = + | @ ."));
        }

        var generate = body.GeneratePassword == true;
        if (generate && body.Password is not null)
        {
            errors.Add(new("generate_password", "give either password or generate_password: true, not both"));
        }
        else if (body.Password is null)
        {
            if (existing is null && !generate)
            {
                errors.Add(new("password", "password or generate_password required for a new charge point"));
            }
        }
        else if (body.Password.Length is < OcppPassword.MinLength or > OcppPassword.MaxLength || body.Password.Any(char.IsControl))
        {
            errors.Add(new("password", $"{OcppPassword.MinLength} to {OcppPassword.MaxLength} printable characters"));
        }

        // A JSON null in the list arrives as a null item despite the type: it is a mistake to name, not a crash.
        var connectors = await MappingsAsync("connectors", "connector_id",
            (body.Connectors ?? []).Select(c => c is null ? null : ((int, string?, string?)?)(c.ConnectorId, c.LocationId, c.EvseUid)).ToList(), grains, errors);
        var evses = await MappingsAsync("evses", "evse_id",
            (body.Evses ?? []).Select(e => e is null ? null : ((int, string?, string?)?)(e.EvseId, e.LocationId, e.EvseUid)).ToList(), grains, errors);
        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var generated = generate ? OcppPassword.Generate() : null;
        var hashes = generated is not null ? [.. OcppPassword.HashesForGenerated(generated)]
            : body.Password is not null ? [.. OcppPassword.HashesFor(body.Password)]
            : existing!.PasswordHashes;
        return (new ChargePointRegistration(identity, hashes, connectors, evses), generated, errors);
    }

    private static async Task<ImmutableArray<EvseMapping>> MappingsAsync(string list, string idName,
        List<(int Id, string? LocationId, string? EvseUid)?> items, IGrainFactory grains, List<OcpiValidationError> errors)
    {
        var mappings = ImmutableArray.CreateBuilder<EvseMapping>();
        var seen = new HashSet<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{list}[{i}]";
            if (items[i] is not { } item)
            {
                errors.Add(new(path, $"an object with {idName}, location_id and evse_uid is required, not null"));
                continue;
            }

            var (id, locationId, evseUid) = item;
            if (id < 1)
            {
                errors.Add(new($"{path}.{idName}", "must be 1 or more (connector 0 is the whole station)"));
            }
            else if (!seen.Add(id))
            {
                errors.Add(new($"{path}.{idName}", $"{id} is mapped twice"));
            }

            if (locationId is not { Length: > 0 and <= MaxOcpiIdLength } || evseUid is not { Length: > 0 and <= MaxOcpiIdLength })
            {
                errors.Add(new(path, $"location_id and evse_uid are required, at most {MaxOcpiIdLength} characters"));
                continue;
            }

            if (await grains.GetGrain<IEvseGrain>(EvseKey.Evse(locationId, evseUid)).GetSnapshot() is not { } evse)
            {
                errors.Add(new(path, $"no EVSE '{evseUid}' on location '{locationId}' (put the Location first)"));
                continue;
            }

            mappings.Add(new EvseMapping(id, evse.LocationId, evse.EvseUid));
        }

        return mappings.ToImmutable();
    }
}
