namespace Pdc.Host.Commands;

/// <summary>Process exit codes shared by every subcommand.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command could not start: a missing file, a bad option.</summary>
    public const int Failure = 1;

    /// <summary>The input was damaged: what could be read was processed and reported, the rest was not.</summary>
    public const int DamagedInput = 2;
}
