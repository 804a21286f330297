using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace StatusGrid.Grains.Hosting;

/// <summary>
/// <c>StatusGrid:Ocpi:AllowPrivateNetworkPartners</c>: may partner URLs lead to loopback or private addresses?
/// True by default in Development (a partner on localhost works for a first try), false in every other environment.
/// </summary>
public static class PartnerNetwork
{
    public const string AllowPrivateKey = "StatusGrid:Ocpi:AllowPrivateNetworkPartners";

    public static bool AllowPrivate(IConfiguration configuration, IHostEnvironment? environment) =>
        configuration.GetValue<bool?>(AllowPrivateKey) ?? environment?.IsDevelopment() == true;
}
