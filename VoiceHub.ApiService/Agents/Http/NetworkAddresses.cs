using System.Net;
using System.Net.Sockets;

namespace VoiceHub.ApiService.Agents.Http;

/// <summary>Which IP addresses are on the public internet; everything else needs an explicit allow-list entry.</summary>
public static class NetworkAddresses
{
    /// <summary>IPv4 ranges that are not public: (first octets, prefix length).</summary>
    private static readonly (byte[] Prefix, int Bits)[] NonPublicV4 =
    [
        ([0], 8), ([10], 8), ([100, 64], 10), ([127], 8), ([169, 254], 16), ([172, 16], 12), ([192, 0, 0], 24),
        ([192, 0, 2], 24), ([192, 88, 99], 24), ([192, 168], 16), ([198, 18], 15), ([198, 51, 100], 24),
        ([203, 0, 113], 24), ([224], 4), ([240], 4),
    ];

    /// <summary>
    /// False for loopback, private, carrier-grade NAT, link-local, unique-local, site-local, multicast,
    /// unspecified, documentation and reserved addresses, and for IPv6 forms that carry such an IPv4
    /// address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) or tunnel to one (Teredo).
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            return !NonPublicV4.Any(range => Matches(bytes, range.Prefix, range.Bits));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var v6 = address.GetAddressBytes();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
            || address.IsIPv6UniqueLocal || address.IsIPv6Multicast || address.IsIPv6Teredo)
        {
            return false;
        }

        // ::a.b.c.d (IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) carry an IPv4 address in their last four bytes.
        if (v6.Take(12).All(b => b == 0) || v6.Take(12).SequenceEqual(new byte[] { 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 }))
        {
            return IsPublic(new IPAddress(v6[12..]));
        }

        // 2002:a.b.c.d::/48 (6to4) carries one in bytes 2..5; 2001:db8::/32 is for documentation.
        return v6[0] == 0x20 && v6[1] == 0x02 ? IsPublic(new IPAddress(v6[2..6]))
            : !(v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8);
    }

    private static bool Matches(byte[] address, byte[] prefix, int bits)
    {
        for (var i = 0; i < prefix.Length; i++)
        {
            var remaining = bits - i * 8;
            var mask = remaining >= 8 ? 0xff : (0xff << (8 - remaining)) & 0xff;
            if ((address[i] & mask) != (prefix[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
