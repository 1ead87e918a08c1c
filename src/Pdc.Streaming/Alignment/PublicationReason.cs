namespace Pdc.Streaming.Alignment;

/// <summary>Why an aligned frame was published when it was.</summary>
public enum PublicationReason
{
    /// <summary>Every device reported; published without waiting for the lag time.</summary>
    AllArrived,

    /// <summary>The lag time ran out with devices missing.</summary>
    LagTimeExpired,
}
