using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Pdc.Testing;

/// <summary>
/// One C37.118 frame as tshark dissected it: the capture packet it came in (a TCP segment can complete several
/// frames) and the <c>synphasor</c> protocol tree.
/// </summary>
public sealed class PdmlFrame
{
    private PdmlFrame(int packetNumber, PdmlField root)
    {
        PacketNumber = packetNumber;
        Root = root;
    }

    /// <summary>frame.number of the capture packet that carried (or completed) this frame.</summary>
    public int PacketNumber { get; }

    /// <summary>The synphasor protocol node; its <see cref="PdmlField.ShowName"/> ends with "[correct]" when CHK was good.</summary>
    public PdmlField Root { get; }

    /// <summary>Frame type (bits 6-4 of the second SYNC byte) as tshark decoded it.</summary>
    public int FrameType => (int)Root.Field("synphasor.frtype").ShowAsInteger;

    public int Version => (int)Root.Field("synphasor.version").ShowAsInteger;

    /// <summary>True when tshark found CHK correct (<c>synphasor.checksum.status</c> is 1, "Good").</summary>
    public bool ChecksumGood => Root.FieldOrNull("synphasor.checksum.status")?.Show == "1";

    public int IdCode => (int)Root.Field("synphasor.idcode_stream_source").ShowAsInteger;

    /// <summary>SOC as the raw 32-bit count of seconds.</summary>
    public uint Soc => (uint)Root.Field("synphasor.soc").ValueAsNumber;

    /// <summary>The 24-bit fraction of second as sent.</summary>
    public uint FractionOfSecond => (uint)Root.Field("synphasor.fracsec_raw").ShowAsInteger;

    /// <summary>The time-quality byte (the top byte of FRACSEC).</summary>
    public byte TimeQuality => (byte)Root.Group("Time quality flags").ValueAsNumber;

    /// <summary>Reads every synphasor frame from a PDML document, streaming (real captures give tens of megabytes).</summary>
    public static IReadOnlyList<PdmlFrame> ReadAll(TextReader pdml)
    {
        var frames = new List<PdmlFrame>();
        using var reader = XmlReader.Create(pdml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreWhitespace = true });
        while (!reader.EOF)
        {
            // ReadFrom leaves the reader on the next node, which may already be the next packet.
            if (reader.NodeType != XmlNodeType.Element || reader.Name != "packet")
            {
                reader.Read();
                continue;
            }

            var packet = (XElement)XNode.ReadFrom(reader);
            var protos = packet.Elements("proto").ToList();
            var number = protos.Where(p => (string?)p.Attribute("name") == "geninfo")
                .Elements("field").Where(f => (string?)f.Attribute("name") == "num")
                .Select(f => int.Parse((string)f.Attribute("show")!, CultureInfo.InvariantCulture))
                .Single();
            frames.AddRange(protos.Where(p => (string?)p.Attribute("name") == "synphasor")
                .Select(p => new PdmlFrame(number, PdmlField.FromElement(p))));
        }

        return frames;
    }

    public override string ToString() => $"packet {PacketNumber}: {Root.ShowName}";
}
