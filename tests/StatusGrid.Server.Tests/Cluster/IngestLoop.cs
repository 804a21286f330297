using System.Net.Sockets;
using System.Text.Json;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>Sends one change per request, round-robin over its EVSEs, recording each answer in their histories.</summary>
public static class IngestLoop
{
    public static async Task RunAsync(HttpClient client, IReadOnlyList<EvseHistory> evses, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var evse in evses)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                await SendAsync(client, evse);
            }
        }
    }

    public static async Task SendAsync(HttpClient client, EvseHistory evse)
    {
        var change = evse.Next();
        var json = JsonSerializer.Serialize(new[]
        {
            new Dictionary<string, string>
            {
                ["location_id"] = evse.LocationId,
                ["evse_uid"] = evse.EvseUid,
                ["status"] = change.Status,
                ["observed_at"] = change.LastUpdated.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
            },
        });
        try
        {
            // Not cancelled by the stop signal: an answer that arrives is an acknowledgement and must be recorded.
            using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", json);
            if (!response.IsSuccessStatusCode)
            {
                evse.Failed(change);
                return;
            }

            var answer = await response.JsonAsync();
            // A duplicate (the EVSE already holds this status after an unknown attempt was committed) stores nothing.
            if (answer.GetProperty("applied").GetInt32() == 1)
            {
                evse.Applied(change);
            }
            else if (answer.GetProperty("duplicates").GetInt32() != 1)
            {
                throw new InvalidOperationException($"Unexpected answer for {evse.Key} {change}: {answer}");
            }
        }
        catch (HttpRequestException)
        {
            evse.Failed(change);
        }
        catch (SocketException)
        {
            // HttpClient lets this one through unwrapped when the silo dies between its connect and reading the
            // connection's remote end point (seen in CI): unanswered, like any other lost connection.
            evse.Failed(change);
        }
        catch (TaskCanceledException)
        {
            evse.Failed(change);
        }
    }
}
