using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Transport;

/// <summary>
/// The envelope of every OCPI response. <see cref="Data"/> is left out when unset; per 2.2.1-d2 receivers must
/// accept it absent or holding anything when the spec does not define it (e.g. PUT/PATCH push responses).
/// </summary>
public sealed record OcpiResponse<T>
{
    [JsonPropertyName("data")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public T? Data { get; init; }

    /// <summary>4-digit OCPI status code, see <see cref="OcpiStatusCode"/>.</summary>
    [JsonPropertyName("status_code")]
    public required int StatusCode { get; init; }

    [JsonPropertyName("status_message")]
    public string? StatusMessage { get; init; }

    [JsonPropertyName("timestamp")]
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>1xxx: the request succeeded at the OCPI layer.</summary>
    [JsonIgnore]
    public bool IsSuccess => OcpiStatusCode.IsSuccess(StatusCode);
}
