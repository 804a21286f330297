namespace StatusGrid.Ocpi.Transport;

/// <summary>OCPI HTTP header names (compare case-insensitively; HTTP header names are).</summary>
public static class OcpiHeaders
{
    public const string Authorization = "Authorization";

    /// <summary>Unique per request; echoed in the response. 2.2+.</summary>
    public const string RequestId = "X-Request-ID";

    /// <summary>Unique per request/response chain; forwarded unchanged by Hubs. 2.2+.</summary>
    public const string CorrelationId = "X-Correlation-ID";

    public const string FromCountryCode = "OCPI-from-country-code";
    public const string FromPartyId = "OCPI-from-party-id";
    public const string ToCountryCode = "OCPI-to-country-code";
    public const string ToPartyId = "OCPI-to-party-id";

    /// <summary>Pagination: total number of matching objects.</summary>
    public const string TotalCount = "X-Total-Count";

    /// <summary>Pagination: the server's maximum page size.</summary>
    public const string Limit = "X-Limit";

    /// <summary>Pagination: <c>&lt;url&gt;; rel="next"</c>, only when a next page exists.</summary>
    public const string Link = "Link";
}
