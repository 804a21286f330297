namespace StatusGrid.Server.OcpiApi.Admin;

/// <summary>Hand both to the partner out of band: it calls <see cref="VersionsUrl"/> with <see cref="Token"/> and POSTs its credentials.</summary>
public sealed record InvitationResponse(string PartnerId, string Token, string VersionsUrl);
