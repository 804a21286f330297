namespace StatusGrid.Ocpi.Transport;

/// <summary>How a call to a partner ended, as far as the transport can tell.</summary>
public enum OcpiOutcome
{
    /// <summary>HTTP 2xx with an OCPI 1xxx status, or with no readable envelope at all (push answers may omit it).</summary>
    Success,

    /// <summary>HTTP 2xx without a valid OCPI response envelope, where the request required one.</summary>
    InvalidEnvelope,

    /// <summary>HTTP 2xx with an OCPI 2xxx-4xxx status.</summary>
    OcpiError,

    /// <summary>HTTP 401: the partner did not accept the token.</summary>
    Unauthorized,

    /// <summary>HTTP 3xx: redirects are never followed.</summary>
    Redirect,

    /// <summary>Any other non-2xx HTTP status.</summary>
    HttpError,

    /// <summary>The answer was larger than the bound.</summary>
    TooLarge,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>The host did not resolve, refused the connection, or the connection broke.</summary>
    Connection,

    /// <summary>The URL leads to a loopback, private, link-local, CGNAT, multicast or unspecified address, or to a public one over plain http.</summary>
    AddressNotAllowed,

    /// <summary>The URL is not an absolute http(s) URL, or the token is not a valid credentials token.</summary>
    InvalidRequest,
}
