using System.Globalization;
using McpAspire.Hosting.Networking;

namespace McpAspire.AppHost.Tests;

public sealed class LoopbackPortsTests
{
    [Fact]
    public void PortsAreDistinctAndBelowTheEphemeralRangeOutgoingConnectionsUse()
    {
        var ports = Enumerable.Range(0, 500).Select(_ => LoopbackPorts.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(range))
        {
            var ephemeralLow = int.Parse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
            Assert.All(ports, port => Assert.InRange(port, 1024, ephemeralLow - 1));
        }
    }
}
