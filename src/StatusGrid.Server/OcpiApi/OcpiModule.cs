namespace StatusGrid.Server.OcpiApi;

/// <summary>The OCPI modules we serve; configuration modules accept a registration token (token A).</summary>
public enum OcpiModule
{
    Versions,
    Credentials,
    Locations,
    HubClientInfo,
}
