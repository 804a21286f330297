namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>The data of a partner's OCPI answer, or why there is none.</summary>
/// <param name="RawTokenHeader">The partner accepted the token only raw (not Base64), learnt by trial as the spec advises.</param>
public sealed record PartnerReply<T>(T? Value, HandshakeFailure? Failure, bool RawTokenHeader)
    where T : class;

