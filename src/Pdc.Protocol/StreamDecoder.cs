using System.Buffers;

namespace Pdc.Protocol;

/// <summary>
/// Decodes one byte stream (a TCP direction, a UDP flow, a file): frames, configs by IDCODE, CFG-3
/// reassembly, and data frames into reused <see cref="DataFrame"/> storage, so that steady-state decoding
/// allocates nothing. Every refused byte is counted by reason in <see cref="Rejections"/>.
/// </summary>
public sealed class StreamDecoder
{
    private readonly FrameReader reader;
    private readonly Config3Assembler config3 = new();
    private readonly Dictionary<ushort, DataFrame> dataByIdCode = [];
    private readonly Dictionary<ushort, ConfigFrame> configs = [];
    private readonly Dictionary<ushort, ConfigFrame> config1 = [];

    // The body (after the timestamp) of the CFG-2 each stream sent, with the config read from it: a repeat is
    // recognised only while that same config is the one in force.
    private readonly Dictionary<ushort, (ConfigFrame Config, byte[] Body)> configBodies = [];

    public StreamDecoder(int maxFrameSize = ushort.MaxValue)
    {
        reader = new FrameReader(maxFrameSize);
    }

    /// <summary>The CFG-2 or CFG-3 in force for each stream IDCODE (the one data frames decode against).</summary>
    public IReadOnlyDictionary<ushort, ConfigFrame> Configs => configs;

    /// <summary>The last CFG-1 (capabilities) seen for each stream IDCODE.</summary>
    public IReadOnlyDictionary<ushort, ConfigFrame> Config1 => config1;

    public RejectionCounters Rejections { get; } = new();

    /// <summary>Makes <paramref name="config"/> the one data frames of its IDCODE decode against (e.g. from a config file).</summary>
    public void UseConfig(ConfigFrame config)
    {
        ArgumentNullException.ThrowIfNull(config);
        configs[config.IdCode] = config;

        // Storage sized by the old config must go, whichever data IDCODE it was matched to.
        foreach (var idCode in dataByIdCode.Where(d => d.Value.Config.IdCode == config.IdCode).Select(d => d.Key).ToList())
        {
            dataByIdCode.Remove(idCode);
        }
    }

    /// <summary>Reads and decodes the next frame; the buffer contract is that of <see cref="FrameReader.TryReadFrame"/>.</summary>
    public FrameReadStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, out DecodedFrame frame)
    {
        var status = reader.TryReadFrame(ref buffer, out var raw);
        if (status != FrameReadStatus.Frame)
        {
            if (status == FrameReadStatus.Rejected)
            {
                Rejections.Add(raw.Rejection, raw.SkippedBytes);
            }

            frame = new DecodedFrame(raw);
            return status;
        }

        frame = Decode(raw);
        return Counted(frame);
    }

    /// <summary>
    /// Reads and decodes a whole, good frame at the start of <paramref name="bytes"/> (see
    /// <see cref="FrameReader.TryReadWholeFrame"/>): <paramref name="frame"/>'s length is what was read, and its
    /// rejection (counted) says whether decoding refused it. False, with nothing read or counted, for anything else,
    /// which <see cref="TryReadFrame"/> handles.
    /// </summary>
    public bool TryReadWholeFrame(ReadOnlySpan<byte> bytes, out DecodedFrame frame)
    {
        if (!reader.TryReadWholeFrame(bytes, out var raw))
        {
            frame = default;
            return false;
        }

        frame = Decode(raw);
        Counted(frame);
        return true;
    }

    private FrameReadStatus Counted(DecodedFrame frame)
    {
        if (frame.Rejection != FrameRejection.None)
        {
            Rejections.Add(frame.Rejection, frame.SkippedBytes);
            return FrameReadStatus.Rejected;
        }

        return FrameReadStatus.Frame;
    }

    private DecodedFrame Decode(RawFrame raw)
    {
        var bytes = raw.Bytes;
        switch (raw.Header.Type)
        {
            case FrameType.Data:
                if (DataFor(raw.Header) is not { } data)
                {
                    return new DecodedFrame(raw, FrameRejection.NoConfig);
                }

                var rejection = DataFrameCodec.TryDecode(bytes, data);
                return rejection == FrameRejection.None ? new DecodedFrame(raw) { Data = data } : new DecodedFrame(raw, rejection);

            case FrameType.Config2 when RepeatsConfigInForce(raw.Header, bytes, out var inForce, out var body):
                // Only the timestamp is new: the names and channels need no second reading.
                var repeated = inForce.WithTimestamp(raw.Header.Timestamp);
                configs[repeated.IdCode] = repeated;
                configBodies[repeated.IdCode] = (repeated, body);
                return new DecodedFrame(raw) { Config = repeated };

            case FrameType.Config1 or FrameType.Config2:
                var result = ConfigFrameReader.TryRead(bytes, out var config);
                if (result != FrameRejection.None)
                {
                    return new DecodedFrame(raw, result);
                }

                if (config!.Type == FrameType.Config2)
                {
                    configBodies[config.IdCode] = (config, bytes[FrameHeader.Size..^FrameHeader.CrcSize].ToArray());
                }

                return Accept(raw, config);

            case FrameType.Config3:
                var fragment = config3.Add(bytes, out var config3Frame);
                return fragment != FrameRejection.None ? new DecodedFrame(raw, fragment)
                    : config3Frame is null ? new DecodedFrame(raw) : Accept(raw, config3Frame);

            case FrameType.Command:
                return CommandFrame.Read(bytes) is { } command
                    ? new DecodedFrame(raw) { Command = command }
                    : new DecodedFrame(raw, FrameRejection.BadSize);

            default:
                return new DecodedFrame(raw) { Header = HeaderFrame.Read(bytes) };
        }
    }

    /// <summary>
    /// True when <paramref name="frame"/> is the CFG-2 in force sent again (PMUs repeat it, over UDP every minute or
    /// so): same version and everything after the timestamp equal. Then it is not decoded again, and the data
    /// storage sized by it is kept rather than rebuilt.
    /// </summary>
    private bool RepeatsConfigInForce(FrameHeader header, ReadOnlySpan<byte> frame, out ConfigFrame inForce, out byte[] body)
    {
        if (configs.TryGetValue(header.IdCode, out inForce!)
            && inForce.Type == FrameType.Config2
            && (byte)inForce.Version == header.Version
            && configBodies.TryGetValue(header.IdCode, out var sent)
            && ReferenceEquals(sent.Config, inForce)
            && frame[FrameHeader.Size..^FrameHeader.CrcSize].SequenceEqual(sent.Body))
        {
            body = sent.Body;
            return true;
        }

        body = [];
        return false;
    }

    private DecodedFrame Accept(RawFrame raw, ConfigFrame config)
    {
        if (config.Type == FrameType.Config1)
        {
            config1[config.IdCode] = config;
        }
        else
        {
            UseConfig(config);
        }

        return new DecodedFrame(raw) { Config = config };
    }

    /// <summary>
    /// The storage for a data frame's IDCODE. A config is matched by stream IDCODE, else by the IDCODE of its
    /// only PMU, else (as Wireshark does per conversation) by being the stream's only config of the right size.
    /// </summary>
    private DataFrame? DataFor(FrameHeader header) =>
        dataByIdCode.TryGetValue(header.IdCode, out var data) ? data : CreateDataFor(header);

    /// <summary>
    /// The lookup behind <see cref="DataFor"/>'s miss, in a method of its own: its lambda's closure over
    /// <paramref name="header"/> is allocated on entry, which must not happen on every data frame.
    /// </summary>
    private DataFrame? CreateDataFor(FrameHeader header)
    {
        var config = configs.GetValueOrDefault(header.IdCode)
            ?? configs.Values.FirstOrDefault(c => c.Pmus.Count == 1 && c.Pmus[0].IdCode == header.IdCode)
            ?? (configs.Count == 1 && configs.Values.First().DataFrameSize == header.FrameSize ? configs.Values.First() : null);
        if (config is null)
        {
            return null;
        }

        var data = new DataFrame(config);
        dataByIdCode[header.IdCode] = data;
        return data;
    }
}
