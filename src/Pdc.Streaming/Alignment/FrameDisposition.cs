namespace Pdc.Streaming.Alignment;

/// <summary>What the alignment did with one device's frame.</summary>
public enum FrameDisposition
{
    /// <summary>Its values went into the slot of their report instant.</summary>
    Placed,

    /// <summary>Taken into a rate converter; its values reach a slot with a later frame.</summary>
    Buffered,

    /// <summary>No aligned device has this IDCODE.</summary>
    UnknownDevice,

    /// <summary>Its report instant was already published.</summary>
    Late,

    /// <summary>The device already reported for this instant.</summary>
    Duplicate,

    /// <summary>Stamped beyond the lead time ahead of the local clock.</summary>
    TooEarly,

    /// <summary>Its timestamp is further from a report instant than the tolerance allows.</summary>
    OffGrid,

    /// <summary>Refused for bad time quality (policy Reject).</summary>
    BadTimeQuality,

    /// <summary>Its channel counts differ from the layout's (its config changed; the layout follows).</summary>
    ShapeMismatch,
}
