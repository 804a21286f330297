using System.Text.Json;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// What the eMSP now believes about each EVSE: the pushes it received, applied in arrival order (a Location PUT sets
/// all of its EVSEs, a PATCH sets one). Keys are "LOCATION/EVSE".
/// </summary>
public static class PartnerMirror
{
    public static Dictionary<string, EvseState> Build(IEnumerable<ReceivedPush> pushes)
    {
        var view = new Dictionary<string, EvseState>(StringComparer.OrdinalIgnoreCase);
        foreach (var push in pushes)
        {
            var segments = push.Path.Split('/');
            using var body = JsonDocument.Parse(push.Body);
            if (push.Method == "PUT" && segments.Length == 3)
            {
                foreach (var evse in body.RootElement.GetProperty("evses").EnumerateArray())
                {
                    view[$"{segments[2]}/{evse.GetProperty("uid").GetString()}"] = EvseState.From(evse);
                }
            }
            else if (push.Method == "PATCH" && segments.Length == 4)
            {
                view[$"{segments[2]}/{segments[3]}"] = EvseState.From(body.RootElement);
            }
        }

        return view;
    }
}
