namespace Pdc.Host.Configuration;

/// <summary>A configuration that cannot run: every message names the key and says what is expected.</summary>
internal sealed class SettingsException(string source, IReadOnlyList<string> problems)
    : Exception($"{source}: {string.Join(Environment.NewLine + "  ", problems.Prepend(string.Empty)).TrimStart()}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
