using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// Receives every delivered data frame, synchronously on the connection's read loop: whole, then (unless the
/// sink takes it whole) once per PMU in it. The frame is reused for the next one: copy what you keep, and return
/// quickly.
/// </summary>
public interface IFrameSink
{
    /// <summary>A whole frame of <paramref name="input"/>, whose PMUs are <see cref="Input.Devices"/>; by default handed on PMU by PMU.</summary>
    /// <param name="arrivalNanoseconds">Local arrival time, nanoseconds since the Unix epoch (the ingest's clock).</param>
    void OnDataFrame(Input input, DataFrame frame, long arrivalNanoseconds) => EachPmu(this, input, frame, arrivalNanoseconds);

    /// <summary>Hands <paramref name="frame"/> to <paramref name="sink"/> once per PMU of <paramref name="input"/>: the default, for a sink that takes a frame whole only sometimes.</summary>
    static void EachPmu(IFrameSink sink, Input input, DataFrame frame, long arrivalNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(input);
        var devices = input.Devices;
        for (var i = 0; i < devices.Count; i++)
        {
            sink.OnDataFrame(devices[i], frame, arrivalNanoseconds);
        }
    }

    /// <param name="device">The PMU: its values in <paramref name="frame"/> start at <see cref="InputDevice.PmuIndex"/>.</param>
    /// <param name="frame">The decoded frame; its <see cref="DataFrame.Config"/> is the config the values were read with.</param>
    /// <param name="arrivalNanoseconds">Local arrival time, nanoseconds since the Unix epoch (the ingest's clock).</param>
    void OnDataFrame(InputDevice device, DataFrame frame, long arrivalNanoseconds);

    /// <summary>The devices of <paramref name="input"/> changed (first config, or a new one): called before their first frame under it.</summary>
    void OnDevicesChanged(Input input)
    {
    }
}
