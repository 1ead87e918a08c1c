namespace Pdc.Streaming.Alignment;

/// <summary>
/// The devices' tracks by IDCODE: a two-level table (256 pages of 256), so that finding a frame's device is two
/// array reads rather than a hash lookup, and only the pages of IDCODEs in use take memory. The layout the
/// tracks are made for has already refused two devices with one IDCODE.
/// </summary>
internal sealed class DeviceTracks
{
    private const int PageBits = 8;
    private const int PageMask = (1 << PageBits) - 1;

    private readonly DeviceTrack?[]?[] pages = new DeviceTrack?[]?[1 << (16 - PageBits)];

    public DeviceTrack? Find(ushort idCode) => pages[idCode >> PageBits] is { } page ? page[idCode & PageMask] : null;

    public void Add(DeviceTrack track)
    {
        var idCode = track.Source.IdCode;
        var page = pages[idCode >> PageBits] ??= new DeviceTrack?[1 << PageBits];
        page[idCode & PageMask] = track;
    }

    public void Clear() => Array.Clear(pages);
}
