namespace StatusGrid.Ocpi.Transport;

/// <summary>OCPI status codes (status_code of the response envelope).</summary>
public static class OcpiStatusCode
{
    public const int Success = 1000;

    public const int ClientError = 2000;
    /// <summary>Invalid or missing parameters, e.g. a PATCH without last_updated.</summary>
    public const int InvalidOrMissingParameters = 2001;
    public const int NotEnoughInformation = 2002;
    public const int UnknownLocation = 2003;
    /// <summary>2.2+ only.</summary>
    public const int UnknownToken = 2004;

    public const int ServerError = 3000;
    /// <summary>The server could not use the client's API, e.g. GETs back to the client failed during registration.</summary>
    public const int UnableToUseClientApi = 3001;
    public const int UnsupportedVersion = 3002;
    /// <summary>No matching or expected endpoints between the parties.</summary>
    public const int NoMatchingEndpoints = 3003;

    /// <summary>Hub codes, 2.2.1+.</summary>
    public const int HubError = 4000;
    public const int UnknownReceiver = 4001;
    public const int ForwardedRequestTimeout = 4002;
    public const int ConnectionProblem = 4003;

    public static bool IsSuccess(int code) => code is >= 1000 and < 2000;

    public static bool IsClientError(int code) => code is >= 2000 and < 3000;

    public static bool IsServerError(int code) => code is >= 3000 and < 4000;

    public static bool IsHubError(int code) => code is >= 4000 and < 5000;
}
