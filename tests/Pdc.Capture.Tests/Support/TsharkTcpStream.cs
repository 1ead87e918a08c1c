using Pdc.Testing;

namespace Pdc.Capture.Tests.Support;

/// <summary>Both directions of one TCP stream as tshark's "follow,tcp,raw" reassembles them.</summary>
/// <param name="FirstToSecond">The flow from tshark's node 0 to node 1, named as <see cref="FlowKey.ToString"/> names it.</param>
internal sealed record TsharkTcpStream(string FirstToSecond, string SecondToFirst, byte[] FromFirst, byte[] FromSecond)
{
    public static int CountStreams(string capturePath) => Tshark.Fields(capturePath, "tcp.stream")
        .Where(row => row[0].Length > 0)
        .Select(row => int.Parse(row[0]))
        .DefaultIfEmpty(-1)
        .Max() + 1;

    public static TsharkTcpStream Follow(string capturePath, int streamIndex)
    {
        var lines = Tshark.Run(["-r", capturePath, "-q", "-z", $"follow,tcp,raw,{streamIndex}"]).Split('\n');
        var nodes = lines.Where(line => line.StartsWith("Node ", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 2)..].Trim())
            .ToArray();
        Assert.Equal(2, nodes.Length);
        var data = lines.SkipWhile(line => !line.StartsWith("Node 1", StringComparison.Ordinal)).Skip(1)
            .Where(line => line.Length > 0 && !line.StartsWith('='))
            .ToArray();

        // Node 1's chunks are indented by a tab.
        var fromFirst = Convert.FromHexString(string.Concat(data.Where(line => line[0] != '\t')));
        var fromSecond = Convert.FromHexString(string.Concat(data.Where(line => line[0] == '\t').Select(line => line.Trim())));
        return new TsharkTcpStream($"tcp {nodes[0]} -> {nodes[1]}", $"tcp {nodes[1]} -> {nodes[0]}", fromFirst, fromSecond);
    }

    /// <summary>Checks that every TCP stream tshark follows matches our reassembly of both directions, and that we have no other TCP data.</summary>
    public static void AssertSameAsOurs(string capturePath, ReadResult result)
    {
        var streams = CountStreams(capturePath);
        Assert.True(streams > 0, "tshark found no TCP stream");
        var flowsCompared = 0;
        for (var index = 0; index < streams; index++)
        {
            var expected = Follow(capturePath, index);
            flowsCompared += CompareFlow(result, expected.FirstToSecond, expected.FromFirst) + CompareFlow(result, expected.SecondToFirst, expected.FromSecond);
        }

        Assert.Equal(result.Flows.Count(f => f.Transport == TransportProtocol.Tcp && result.StreamOf(f).Length > 0), flowsCompared);
    }

    private static int CompareFlow(ReadResult result, string flowName, byte[] expected)
    {
        var flow = result.Flows.SingleOrDefault(f => f.ToString() == flowName);
        if (expected.Length == 0)
        {
            Assert.True(flow == default || result.StreamOf(flow).Length == 0, $"{flowName}: tshark has no data, we have some");
            return 0;
        }

        Assert.True(flow != default, $"{flowName}: tshark follows {expected.Length} bytes, we have no such flow");
        var actual = result.StreamOf(flow);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"{flowName}: our {actual.Length} bytes differ from tshark's {expected.Length}");
        return 1;
    }
}
