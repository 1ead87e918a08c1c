namespace Pdc.Streaming.Alignment;

/// <summary>What an aligned frame carries for a device that did not report in time.</summary>
public enum MissingDataPolicy
{
    /// <summary>STAT data-invalid bit set; NaN values (0x8000 once encoded as integers).</summary>
    MarkInvalid,

    /// <summary>The device's last values, with the STAT data-modified bit set.</summary>
    HoldLast,
}
