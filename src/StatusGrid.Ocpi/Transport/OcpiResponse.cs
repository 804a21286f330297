namespace StatusGrid.Ocpi.Transport;

/// <summary>Factories for <see cref="OcpiResponse{T}"/>; the timestamp defaults to now (UTC).</summary>
public static class OcpiResponse
{
    public static OcpiResponse<T> Success<T>(T data, DateTimeOffset? timestamp = null, string? statusMessage = null) => new()
    {
        Data = data,
        StatusCode = OcpiStatusCode.Success,
        StatusMessage = statusMessage,
        Timestamp = timestamp ?? DateTimeOffset.UtcNow,
    };

    /// <summary>Success without data, e.g. the answer to a PUT or PATCH push.</summary>
    public static OcpiResponse<object> Success(DateTimeOffset? timestamp = null, string? statusMessage = null) => new()
    {
        StatusCode = OcpiStatusCode.Success,
        StatusMessage = statusMessage,
        Timestamp = timestamp ?? DateTimeOffset.UtcNow,
    };

    /// <summary>An error envelope (2xxx client, 3xxx server, 4xxx hub) without data.</summary>
    public static OcpiResponse<object> Error(int statusCode, string statusMessage, DateTimeOffset? timestamp = null)
    {
        if (OcpiStatusCode.IsSuccess(statusCode) || statusCode is < 1000 or > 4999)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "an OCPI error status code is 2000-4999");
        }

        return new()
        {
            StatusCode = statusCode,
            StatusMessage = statusMessage,
            Timestamp = timestamp ?? DateTimeOffset.UtcNow,
        };
    }
}
