using System.Text.Json;
using System.Text.Json.Nodes;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Server.Locations;

/// <summary>
/// Changes to one part of a Location document (an EVSE, a Connector, or some fields), applied to the JSON of the
/// whole document, which is then parsed and validated as a Location again: every error names its field by its path
/// in the Location. The changed part's parents get its last_updated (OCPI: a Connector change bumps its EVSE and
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
        var (parent, list, index, errors) = Locate(root, target, forPut: true);
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

        RaiseParents(root, parent, Stamp(part));
        return Parse(root, version, created);
    }

    /// <summary>Sets the given fields of the addressed object; last_updated is now when the patch has none.</summary>
    public static (Location? Location, IReadOnlyList<OcpiValidationError> Errors) Patch(Location document, Target target, JsonObject patch, OcpiVersion version, DateTimeOffset now)
    {
        var root = Node(document);
        var (parent, list, index, errors) = Locate(root, target, forPut: false);
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

        RaiseParents(root, parent, Stamp(node));
        var (location, parseErrors, _) = Parse(root, version, created: false);
        return (location, parseErrors);
    }

    private static JsonObject Node(Location document) => JsonSerializer.SerializeToNode(document, OcpiJson.Options)!.AsObject();

    /// <summary>The list holding the target and its index in it (-1: not there); null list for the Location itself.</summary>
    private static (JsonObject? Parent, JsonArray? List, int Index, List<OcpiValidationError> Errors) Locate(JsonObject root, Target target, bool forPut)
    {
        if (target.EvseUid is null)
        {
            return (null, null, 0, []);
        }

        var evses = root["evses"] as JsonArray ?? [];
        root["evses"] = evses;
        var evseIndex = IndexOf(evses, "uid", target.EvseUid);
        if (target.ConnectorId is null)
        {
            return evseIndex < 0 && !forPut
                ? (null, null, -1, [new OcpiValidationError("evse_uid", $"No EVSE '{target.EvseUid}' at this location")])
                : (root, evses, evseIndex, []);
        }

        if (evseIndex < 0)
        {
            return (null, null, -1, [new OcpiValidationError("evse_uid", $"No EVSE '{target.EvseUid}' at this location")]);
        }

        var evse = evses[evseIndex]!.AsObject();
        var connectors = evse["connectors"] as JsonArray ?? [];
        var connectorIndex = IndexOf(connectors, "id", target.ConnectorId);
        return connectorIndex < 0 && !forPut
            ? (null, null, -1, [new OcpiValidationError("connector_id", $"No connector '{target.ConnectorId}' at EVSE '{target.EvseUid}'")])
            : (evse, connectors, connectorIndex, []);
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

    /// <summary>Raises the EVSE (when the part is a Connector) and the Location to the part's last_updated.</summary>
    private static void RaiseParents(JsonObject root, JsonObject? parent, DateTimeOffset? stamp)
    {
        if (stamp is not { } time)
        {
            return;
        }

        if (parent is not null && parent != root && Stamp(parent) is { } evseTime && evseTime < time)
        {
            parent["last_updated"] = OcpiDateTime.Format(time);
        }

        if (Stamp(root) is { } locationTime && locationTime < time)
        {
            root["last_updated"] = OcpiDateTime.Format(time);
        }
    }

    private static (Location? Location, IReadOnlyList<OcpiValidationError> Errors, bool Created) Parse(JsonObject root, OcpiVersion version, bool created)
    {
        var parsed = OcpiParser.ParseLocation(JsonSerializer.SerializeToUtf8Bytes(root, OcpiJson.Options), version);
        return (parsed.IsValid ? parsed.Value : null, parsed.Errors, created);
    }
}
