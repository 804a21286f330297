using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Locations;

/// <summary>
/// Keeps the last_updated values of a stored Location honest against the previous document. OCPI: a Connector
/// change bumps its EVSE and its Location, an EVSE change bumps its Location; pulls filtered with date_from, and
/// partners comparing timestamps, depend on it.
/// </summary>
/// <remarks>
/// Bottom-up, per object (Connector, EVSE with its Connectors, Location with its EVSEs): a parent is first raised to
/// its latest child; then, compared with the previous document, changed content whose last_updated is still not
/// newer gets <c>now</c> (the CPO forgot to bump it), and unchanged content never goes back to an older
/// last_updated (a re-sent old document changes nothing).
/// </remarks>
internal static class LastUpdatedRules
{
    public static Location Apply(Location? previous, Location incoming, DateTimeOffset now)
    {
        var before = (previous?.Evses ?? []).ToDictionary(e => e.Uid, StringComparer.OrdinalIgnoreCase);
        var evses = incoming.Evses?.Select(evse => Evse(before.GetValueOrDefault(evse.Uid), evse, now)).ToList();
        var location = incoming with { Evses = evses, LastUpdated = Latest(incoming.LastUpdated, evses?.Select(e => e.LastUpdated)) };
        return previous is null
            ? location
            : location with { LastUpdated = Stamp(Content(previous), previous.LastUpdated, Content(location), location.LastUpdated, now) };
    }

    private static Evse Evse(Evse? previous, Evse evse, DateTimeOffset now)
    {
        var before = (previous?.Connectors ?? []).ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        var connectors = evse.Connectors
            .Select(c => before.TryGetValue(c.Id, out var old)
                ? c with { LastUpdated = Stamp(old with { LastUpdated = default }, old.LastUpdated, c with { LastUpdated = default }, c.LastUpdated, now) }
                : c)
            .ToList();
        var result = evse with { Connectors = connectors, LastUpdated = Latest(evse.LastUpdated, connectors.Select(c => c.LastUpdated)) };
        return previous is null
            ? result
            : result with { LastUpdated = Stamp(Content(previous), previous.LastUpdated, Content(result), result.LastUpdated, now) };
    }

    /// <summary>The parent rule: a parent is at least as recent as its latest child.</summary>
    private static DateTimeOffset Latest(DateTimeOffset own, IEnumerable<DateTimeOffset>? children)
    {
        foreach (var child in children ?? [])
        {
            if (child > own)
            {
                own = child;
            }
        }

        return own;
    }

    private static DateTimeOffset Stamp<T>(T oldContent, DateTimeOffset oldStamp, T newContent, DateTimeOffset newStamp, DateTimeOffset now)
    {
        if (EqualityComparer<T>.Default.Equals(oldContent, newContent))
        {
            return newStamp > oldStamp ? newStamp : oldStamp;
        }

        if (newStamp > oldStamp)
        {
            return newStamp;
        }

        // Changed without a newer stamp: now, and never at or below what partners already hold.
        return now > oldStamp ? now : oldStamp.AddMilliseconds(1);
    }

    // Everything but the timestamps: a change anywhere inside counts as a change of the object.
    private static Evse Content(Evse evse) => evse with
    {
        LastUpdated = default,
        Connectors = [.. evse.Connectors.Select(c => c with { LastUpdated = default })],
    };

    private static Location Content(Location location) => location with
    {
        LastUpdated = default,
        Evses = location.Evses?.Select(Content).ToList(),
    };
}
