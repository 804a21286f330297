namespace StatusGrid.MockEmsp;

/// <summary>One mock eMSP: where it listens and the Locations receiver URL to register with the CPO.</summary>
public sealed record FleetPartner(int Index, int Port, string LocationsUrl)
{
    /// <summary>Partner id used when registering it with StatusGrid ("LOAD-P1", ...).</summary>
    public string Id => $"LOAD-P{Index + 1}";
}
