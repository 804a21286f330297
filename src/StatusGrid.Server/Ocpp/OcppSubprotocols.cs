using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Ocpp;

public static class OcppSubprotocols
{
    public const string Ocpp16 = "ocpp1.6";
    public const string Ocpp201 = "ocpp2.0.1";

    /// <summary>The first of the client's offers (its order is its preference) that we speak; null if none.</summary>
    public static OcppProtocol? Choose(IEnumerable<string> offered)
    {
        foreach (var offer in offered)
        {
            switch (offer.Trim())
            {
                case Ocpp16:
                    return OcppProtocol.Ocpp16;
                case Ocpp201:
                    return OcppProtocol.Ocpp201;
            }
        }

        return null;
    }

    public static string Name(OcppProtocol protocol) => protocol == OcppProtocol.Ocpp16 ? Ocpp16 : Ocpp201;
}
