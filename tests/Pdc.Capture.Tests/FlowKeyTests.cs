using System.Net;

namespace Pdc.Capture.Tests;

public class FlowKeyTests
{
    [Fact]
    public void ToString_Ipv4Tcp_NamesTransportAndBothEndpoints()
    {
        var flow = new FlowKey(TransportProtocol.Tcp, IPAddress.Parse("192.168.0.10"), 4712, IPAddress.Parse("192.168.0.60"), 34000);

        Assert.Equal("tcp 192.168.0.10:4712 -> 192.168.0.60:34000", flow.ToString());
    }

    [Fact]
    public void ToString_Ipv6Udp_BracketsAddresses()
    {
        var flow = new FlowKey(TransportProtocol.Udp, IPAddress.Parse("2001:db8::1"), 4713, IPAddress.Parse("2001:db8::2"), 4712);

        Assert.Equal("udp [2001:db8::1]:4713 -> [2001:db8::2]:4712", flow.ToString());
    }

    [Fact]
    public void ToString_RawStream_SaysRaw() => Assert.Equal("raw", FlowKey.Raw.ToString());

    [Fact]
    public void Reversed_SwapsEndpoints_AndTwiceIsIdentity()
    {
        var flow = new FlowKey(TransportProtocol.Tcp, IPAddress.Parse("10.0.0.1"), 1, IPAddress.Parse("10.0.0.2"), 2);

        Assert.Equal(new FlowKey(TransportProtocol.Tcp, IPAddress.Parse("10.0.0.2"), 2, IPAddress.Parse("10.0.0.1"), 1), flow.Reversed());
        Assert.Equal(flow, flow.Reversed().Reversed());
    }
}
