using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Server.Admin.Locations;

/// <summary>
/// Changes to one part of a Location document (an EVSE, a Connector, or some fields), applied to the JSON of the
/// whole document, which is then parsed and validated as a Location again: every error names its field by its path
/// in the Location. Parents are raised to their latest child (OCPI: a Connector change bumps its EVSE and
/// Location), so the result is consistent before the grain even looks at it.
/// </summary>
internal static class LocationEdits
{
    private static readonly string[] ChildLists = ["evses", "connectors"];

    /// <summary>A JSON path into the document: the Location itself, one of its EVSEs, or one of their Connectors.</summary>
    public sealed record Target(string? EvseUid, string? ConnectorId);

    /// <summary>Replaces (or adds) the addressed EVSE or Connector with <paramref name="part"/>.</summary>
    public static (Location? Location, IReadOnlyList<OcpiValidationError> Errors, bool Created) Put(Location document, Target target, JsonObject part, OcpiVersion version)
    {
        var root = Node(document);
        var (list, index, errors) = Locate(root, target, forPut: true);
        if (errors.Count > 0)
        {
            return (null, errors, false);
        }

        var (idField, id) = target.ConnectorId is { } connectorId ? ("id", connectorId) : ("uid", target.EvseUid!);
        if (!string.Equals(part[idField]?.ToString(), id, StringComparison.OrdinalIgnoreCase))
        {
            return (null, [new OcpiValidationError(idField, $"'{part[idField]}' does not match the URL's '{id}'")], false);
        }

        var created = index < 0;
        if (created)
        {
            list!.Add(part);
        }
        else
        {
            list![index] = part;
        }

        ApplyParentRule(root);
        return Parse(root, version, created);
    }

    /// <summary>Sets the given fields of the addressed object; last_updated is now when the patch has none.</summary>
    public static (Location? Location, IReadOnlyList<OcpiValidationError> Errors) Patch(Location document, Target target, JsonObject patch, OcpiVersion version, DateTimeOffset now)
    {
        var root = Node(document);
        var (list, index, errors) = Locate(root, target, forPut: false);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var node = list is null ? root : list[index]!.AsObject();
        var idField = target.ConnectorId is not null ? "id" : target.EvseUid is not null ? "uid" : "id";
        foreach (var (name, value) in patch)
        {
            if (ChildLists.Contains(name))
            {
                return (null, [new OcpiValidationError(name, $"'{name}' cannot be patched; PUT the EVSE or Connector instead")]);
            }

            if (name == idField && !string.Equals(value?.ToString(), node[idField]?.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return (null, [new OcpiValidationError(name, $"'{name}' is immutable; it must match the URL")]);
            }

            node[name] = value?.DeepClone();
        }

        if (!patch.ContainsKey("last_updated"))
        {
            node["last_updated"] = OcpiDateTime.Format(now);
        }

        ApplyParentRule(root);
        var (location, parseErrors, _) = Parse(root, version, created: false);
        return (location, parseErrors);
    }

    /// <summary>
    /// The EVSEs whose status the edit only carries along from <paramref name="read"/> (every one but an EVSE the edit
    /// replaces, or patches with a <c>status</c>), each with the last_updated it was read at: the Location grain counts
    /// those statuses as observed then, so a report accepted since the read is not replaced by the one read.
    /// </summary>
    public static ImmutableDictionary<string, DateTimeOffset> StatusesAsRead(Location read, Target target, JsonObject edit, bool put)
    {
        var setsStatus = target is { EvseUid: not null, ConnectorId: null } && (put || edit.ContainsKey("status"));
        return (read.Evses ?? [])
            .Where(e => !(setsStatus && string.Equals(e.Uid, target.EvseUid, StringComparison.OrdinalIgnoreCase)))
            .ToImmutableDictionary(e => e.Uid, e => e.LastUpdated, StringComparer.OrdinalIgnoreCase);
    }

    private static JsonObject Node(Location document) => JsonSerializer.SerializeToNode(document, OcpiJson.Options)!.AsObject();

    /// <summary>The list holding the target and its index in it (-1: not there); null list for the Location itself.</summary>
    private static (JsonArray? List, int Index, List<OcpiValidationError> Errors) Locate(JsonObject root, Target target, bool forPut)
    {
        if (target.EvseUid is null)
        {
            return (null, 0, []);
        }

        if (root["evses"] is not JsonArray evses)
        {
            root["evses"] = evses = [];
        }

        var evseIndex = IndexOf(evses, "uid", target.EvseUid);
        if (target.ConnectorId is null)
        {
            return evseIndex < 0 && !forPut
                ? (null, -1, [new OcpiValidationError("evse_uid", $"No EVSE '{target.EvseUid}' at this location")])
                : (evses, evseIndex, []);
        }

        if (evseIndex < 0)
        {
            return (null, -1, [new OcpiValidationError("evse_uid", $"No EVSE '{target.EvseUid}' at this location")]);
        }

        var evse = evses[evseIndex]!.AsObject();
        if (evse["connectors"] is not JsonArray connectors)
        {
            evse["connectors"] = connectors = [];
        }

        var connectorIndex = IndexOf(connectors, "id", target.ConnectorId);
        return connectorIndex < 0 && !forPut
            ? (null, -1, [new OcpiValidationError("connector_id", $"No connector '{target.ConnectorId}' at EVSE '{target.EvseUid}'")])
            : (connectors, connectorIndex, []);
    }

    private static int IndexOf(JsonArray list, string idField, string id)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i]?[idField]?.ToString(), id, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static DateTimeOffset? Stamp(JsonNode? node) =>
        node?["last_updated"] is JsonValue value && value.TryGetValue<string>(out var text) && OcpiDateTime.TryParse(text, out var time) ? time : null;

    /// <summary>
    /// The OCPI parent rule on the edited document: an EVSE is at least as recent as its Connectors, the Location at
    /// least as recent as its EVSEs. A changed Connector thus raises both parents, and an edit stamped older than
    /// what it sits above (the spec's examples are from 2019) still yields a consistent document.
    /// </summary>
    private static void ApplyParentRule(JsonObject root)
    {
        var latestEvse = Stamp(root);
        foreach (var evse in (root["evses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var latestConnector = Stamp(evse);
            foreach (var connector in (evse["connectors"] as JsonArray ?? []).OfType<JsonObject>())
            {
                latestConnector = Later(latestConnector, Stamp(connector));
            }

            Raise(evse, latestConnector);
            latestEvse = Later(latestEvse, Stamp(evse));
        }

        Raise(root, latestEvse);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null || (b is not null && b > a) ? b : a;

    private static void Raise(JsonObject node, DateTimeOffset? stamp)
    {
        if (stamp is { } time && Stamp(node) is { } held && held < time)
        {
            node["last_updated"] = OcpiDateTime.Format(time);
        }
    }

    private static (Location? Location, IReadOnlyList<OcpiValidationError> Errors, bool Created) Parse(JsonObject root, OcpiVersion version, bool created)
    {
        var parsed = OcpiParser.ParseLocation(JsonSerializer.SerializeToUtf8Bytes(root, OcpiJson.Options), version);
        return (parsed.IsValid ? parsed.Value : null, parsed.Errors, created);
    }
}
