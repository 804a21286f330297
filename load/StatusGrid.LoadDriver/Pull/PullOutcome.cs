namespace StatusGrid.LoadDriver.Pull;

public enum PullOutcome
{
    Completed,

    /// <summary>404 on the first page: this server has no OCPI Locations sender (yet).</summary>
    Unavailable,

    /// <summary>401/403: the token is not accepted.</summary>
    Unauthorized,

    /// <summary>Another HTTP or OCPI error, a malformed page, or the page/time bound was hit.</summary>
    Failed,
}
