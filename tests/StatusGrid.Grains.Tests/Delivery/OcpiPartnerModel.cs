using System.Net;
using System.Text.Json;
using StatusGrid.Grains.Tests.Fakes;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// A partner's Locations receiver with OCPI semantics (PUT replaces the Location, PATCH updates fields of a known
/// EVSE, an unknown object answers 404) and seeded misbehaviour: errors, 429 with Retry-After, timeouts before and
/// after applying, dropped connections, amnesia, 400 refusals and slow answers that reorder concurrent requests. It
/// records every time it is given, for an EVSE, a last_updated older than one it held, or a different status at the
/// last_updated it holds (a partner that keeps its copy for an equal stamp would miss it): the promise forbids both.
/// A GET of a Location or EVSE answers what it holds (the receiver interface's GET), faults included.
/// </summary>
public sealed class OcpiPartnerModel(string host, int seed)
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, Dictionary<string, (string Status, DateTimeOffset LastUpdated)>> _locations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _locationLastUpdated = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (DateTimeOffset At, string Status)> _highest = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _regressions = [];
    private readonly Dictionary<string, List<(string Status, DateTimeOffset LastUpdated)>> _history = [];

    /// <summary>Share of requests that misbehave (0 turns faults off).</summary>
    public double FaultRate { get; set; } = 0.3;

    /// <summary>Only faults after which a retry is due (5xx, 429, timeouts, dropped connections): no refusals, no amnesia.</summary>
    public bool TransientFaultsOnly { get; set; }

    /// <summary>Per "location/evse": every state the partner applied, in order (a re-sent state appears twice).</summary>
    public IReadOnlyList<(string Status, DateTimeOffset LastUpdated)> History(string locationId, string evseUid)
    {
        lock (_gate)
        {
            return _history.TryGetValue(locationId.ToUpperInvariant() + "/" + evseUid.ToUpperInvariant(), out var h) ? [.. h] : [];
        }
    }

    public int Requests { get; private set; }

    /// <summary>What the model did with each request, in the order it decided: for a failure log.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Decisions { get; } = new();

    public IReadOnlyList<string> Regressions
    {
        get
        {
            lock (_gate)
            {
                return [.. _regressions];
            }
        }
    }

    public (string Status, DateTimeOffset LastUpdated)? Held(string locationId, string evseUid)
    {
        lock (_gate)
        {
            return _locations.TryGetValue(locationId, out var evses) && evses.TryGetValue(evseUid, out var held) ? held : null;
        }
    }

    public async Task<HttpResponseMessage> RespondAsync(RecordedRequest request)
    {
        if (request.Url.Host != host)
        {
            return StubPartnerHandler.Ok();
        }

        Fault fault;
        int delayMs;
        lock (_gate)
        {
            Requests++;
            delayMs = _random.NextDouble() < 0.2 ? _random.Next(1, 30) : 0;
            fault = _random.NextDouble() >= FaultRate ? Fault.None
                : TransientFaultsOnly ? (Fault)_random.Next(1, 6) : (Fault)_random.Next(1, 9);
        }

        Decisions.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {request.Method} {request.Url.AbsolutePath} {fault}{(delayMs > 0 ? $" after {delayMs} ms" : "")}");
        if (delayMs > 0)
        {
            await Task.Delay(delayMs); // concurrent requests overtake each other here
        }

        switch (fault)
        {
            case Fault.ServerError:
                return PartnerFaults.Unavailable();
            case Fault.TooMany:
                return PartnerFaults.TooManyRequests(0);
            case Fault.TimeoutBefore:
                throw new TaskCanceledException("The request timed out before the partner applied it.");
            case Fault.Dropped:
                return await PartnerFaults.DropConnection();
            case Fault.Refused:
                return PartnerFaults.BadRequest("refused by the model");
            case Fault.Amnesia:
                lock (_gate)
                {
                    _locations.Remove(request.Url.Segments[7].TrimEnd('/'));
                }

                break;
        }

        var answer = Apply(request);
        return fault == Fault.TimeoutAfter ? throw new TaskCanceledException("The answer was lost after the partner applied the request.") : answer;
    }

    private HttpResponseMessage Apply(RecordedRequest request)
    {
        var segments = request.Url.Segments.Select(s => Uri.UnescapeDataString(s.TrimEnd('/'))).ToArray();
        var locationId = segments[7];
        lock (_gate)
        {
            if (request.Method == HttpMethod.Get)
            {
                return Read(locationId, segments.Length > 8 ? segments[8] : null);
            }
        }

        using var body = JsonDocument.Parse(request.Body);
        lock (_gate)
        {
            if (request.Method == HttpMethod.Put)
            {
                var evses = new Dictionary<string, (string, DateTimeOffset)>(StringComparer.OrdinalIgnoreCase);
                foreach (var evse in body.RootElement.GetProperty("evses").EnumerateArray())
                {
                    var uid = evse.GetProperty("uid").GetString()!;
                    evses[uid] = Hold(locationId, uid, evse);
                }

                _locations[locationId] = evses;
                _locationLastUpdated[locationId] = body.RootElement.GetProperty("last_updated").GetString()!;
                return StubPartnerHandler.Ok();
            }

            var evseUid = segments[8];
            if (!_locations.TryGetValue(locationId, out var held) || !held.ContainsKey(evseUid))
            {
                return StubPartnerHandler.Json(HttpStatusCode.NotFound, """{"status_code":2003,"status_message":"Unknown location","timestamp":"2026-01-01T00:00:00Z"}""");
            }

            held[evseUid] = Hold(locationId, evseUid, body.RootElement);
            return StubPartnerHandler.Ok();
        }
    }

    private HttpResponseMessage Read(string locationId, string? evseUid)
    {
        if (!_locations.TryGetValue(locationId, out var held) || (evseUid is not null && !held.ContainsKey(evseUid)))
        {
            return StubPartnerHandler.Json(HttpStatusCode.NotFound, """{"status_code":2003,"status_message":"Unknown location","timestamp":"2026-01-01T00:00:00Z"}""");
        }

        object Evse(string uid) => new { uid, status = held[uid].Status, last_updated = Ocpi.OcpiDateTime.Format(held[uid].LastUpdated) };
        object data = evseUid is not null ? Evse(evseUid)
            : new { id = locationId, last_updated = _locationLastUpdated[locationId], evses = held.Keys.Select(Evse).ToArray() };
        return StubPartnerHandler.Json(HttpStatusCode.OK, JsonSerializer.Serialize(new { data, status_code = 1000, timestamp = "2026-01-01T00:00:00Z" }));
    }

    private (string, DateTimeOffset) Hold(string locationId, string evseUid, JsonElement state)
    {
        var status = state.GetProperty("status").GetString()!;
        var lastUpdated = DateTimeOffset.Parse(state.GetProperty("last_updated").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var key = locationId + "/" + evseUid;
        var historyKey = key.ToUpperInvariant();
        if (!_history.TryGetValue(historyKey, out var history))
        {
            _history[historyKey] = history = [];
        }

        history.Add((status, lastUpdated));
        if (_highest.TryGetValue(key, out var highest) && lastUpdated < highest.At)
        {
            _regressions.Add($"{key}: got {status} at {lastUpdated:O} after holding {highest.At:O}");
        }
        else if (lastUpdated == highest.At && status != highest.Status)
        {
            // A partner that keeps what it holds for an equal last_updated would miss this change (or, if it is an
            // older state, take it): two states must never share a stamp.
            _regressions.Add($"{key}: got {status} at {lastUpdated:O}, the stamp of the {highest.Status} it holds");
        }
        else
        {
            _highest[key] = (lastUpdated, status);
        }

        return (status, lastUpdated);
    }

    private enum Fault
    {
        None,
        ServerError,
        TooMany,
        TimeoutBefore,
        TimeoutAfter,
        Dropped,
        Refused,
        Amnesia,
        Slow,
    }
}
