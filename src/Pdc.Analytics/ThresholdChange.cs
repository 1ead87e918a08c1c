namespace Pdc.Analytics;

internal enum ThresholdChange
{
    None,
    Operated,
    Reset,
}
