namespace Pdc.Streaming.Alignment;

/// <summary>What to do with a frame whose time the device itself says is not trustworthy (FRACSEC time-quality code, STAT sync error).</summary>
public enum TimeQualityPolicy
{
    /// <summary>Align it by its timestamp like any other.</summary>
    Accept,

    /// <summary>Place it in the report instant being collected when it arrived, and set STAT bit 12 (sorted by arrival).</summary>
    SortByArrival,

    /// <summary>Drop it, counted.</summary>
    Reject,
}
