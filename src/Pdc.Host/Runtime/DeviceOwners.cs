using Pdc.Streaming.Ingest;

namespace Pdc.Host.Runtime;

/// <summary>
/// Which input each aligned IDCODE belongs to (the first in pdc.json to report it), and the inputs that own every
/// PMU of their stream as the list saw it: their frames can go to the concentrator whole, without a lookup per PMU.
/// </summary>
internal sealed class DeviceOwners
{
    private readonly Dictionary<ushort, Input> byIdCode = [];
    private readonly Dictionary<Input, IReadOnlyList<InputDevice>> wholeStreams = [];

    /// <summary>Records <paramref name="input"/> as the owner; false when an earlier input already owns the IDCODE.</summary>
    public bool TryClaim(ushort idCode, Input input, out Input owner)
    {
        if (byIdCode.TryGetValue(idCode, out owner!))
        {
            return false;
        }

        byIdCode.Add(idCode, input);
        owner = input;
        return true;
    }

    /// <summary>Says that <paramref name="input"/> owns every one of <paramref name="devices"/>.</summary>
    public void OwnsWhole(Input input, IReadOnlyList<InputDevice> devices) => wholeStreams[input] = devices;

    /// <summary>True when <paramref name="input"/>'s current PMUs are the ones it was listed as owning, every one.</summary>
    public bool OwnsWholeStream(Input input) =>
        wholeStreams.TryGetValue(input, out var listed) && ReferenceEquals(listed, input.Devices);

    /// <summary>False when another input owns the device's IDCODE; a device not yet listed is nobody's.</summary>
    public bool MayAlign(InputDevice device) =>
        !byIdCode.TryGetValue(device.IdCode, out var owner) || owner == device.Input;
}
