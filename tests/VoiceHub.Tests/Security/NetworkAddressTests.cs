using System.Net;
using VoiceHub.ApiService.Agents.Http;

namespace VoiceHub.Tests.Security;

public sealed class NetworkAddressTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("198.18.0.1")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:7f00:1::")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("2001:db8::1")]
    public void Private_loopback_and_special_addresses_are_not_public(string address)
    {
        Assert.False(NetworkAddresses.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Internet_addresses_are_public(string address)
    {
        Assert.True(NetworkAddresses.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("example.com", "http://example.com/", true)]
    [InlineData("example.com", "https://example.com/", true)]
    [InlineData("example.com", "http://example.com:8080/", false)]
    [InlineData("example.com:8080", "http://example.com:8080/", true)]
    [InlineData("example.com:8080", "http://example.com/", false)]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5001/", false)]
    [InlineData("[::1]:5000", "http://[::1]:5000/", true)]
    [InlineData("EXAMPLE.com", "http://example.COM/", true)]
    public void Allowed_hosts_are_host_and_port(string entry, string url, bool allowed)
    {
        var options = new HttpAgentOptions { AllowedHosts = [entry] };

        Assert.Equal(allowed, options.IsAllowed(new Uri(url)));
    }

    [Theory]
    [InlineData("http://example.com")]
    [InlineData("example.com/path")]
    [InlineData("*.example.com")]
    [InlineData("user@example.com")]
    public void Entries_that_are_not_host_and_port_are_rejected_at_start(string entry)
    {
        Assert.Single(new HttpAgentOptions { AllowedHosts = [entry] }.InvalidEntries);
    }
}
