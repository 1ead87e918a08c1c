using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>Turns one device's input frames into values at output report instants.</summary>
internal interface IDownsampler
{
    /// <summary>How long after an output instant its value can be ready (a filter's group delay).</summary>
    long DelayNanoseconds { get; }

    /// <summary>
    /// Takes the device's frame for input instant <paramref name="inputIndex"/>. Returns true when an output
    /// instant's values are ready: then <paramref name="values"/> holds them in PMU block <paramref name="valuesPmu"/>.
    /// </summary>
    bool Accept(long inputIndex, DataFrame source, int pmu, out long outputIndex, out DataFrame values, out int valuesPmu);
}
