using System.Net;
using System.Net.Sockets;

namespace StatusGrid.Ocpi.Transport;

/// <summary>
/// Which addresses a partner URL may lead to. Partners hand us URLs (versions, endpoints, locations) that we then
/// call, so without this rule a partner could make us read or write our own network: loopback, private ranges,
/// link-local (cloud metadata services live at 169.254.169.254), CGNAT, multicast and the unspecified address.
/// </summary>
public static class PartnerAddressPolicy
{
    /// <summary>True when a partner call may connect to <paramref name="address"/> on the public internet.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    /// <summary>
    /// True for link-local addresses (169.254/16, fe80::/10), where cloud metadata services hand out the host's
    /// credentials. No partner lives there, so they stay refused even where private networks are allowed.
    /// </summary>
    public static bool IsLinkLocal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetwork
            ? address.GetAddressBytes() is [169, 254, ..]
            : address.IsIPv6LinkLocal;
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                   // 0.0.0.0/8 "this network", unspecified
        || b[0] == 10                               // 10/8 private
        || b[0] == 127                              // loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64)     // 100.64/10 CGNAT
        || (b[0] == 169 && b[1] == 254)             // link-local, cloud metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16)     // 172.16/12 private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)  // 192.0.0/24 IETF protocol assignments
        || (b[0] == 192 && b[1] == 168)             // 192.168/16 private
        || (b[0] == 198 && (b[1] & 0xFE) == 18)     // 198.18/15 benchmarking
        || b[0] >= 224);                            // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        var b = address.GetAddressBytes();

        // IPv4-compatible (::a.b.c.d, deprecated), NAT64 (64:ff9b::/96), 6to4 (2002::/16) and Teredo (2001::/32)
        // carry an IPv4 address that could be private: judge the embedded address.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..]);
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]);
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            return false;
        }

        // 2001:db8::/32 documentation; anything outside 2000::/3 is not global unicast.
        return !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) && (b[0] & 0xE0) == 0x20;
    }
}
