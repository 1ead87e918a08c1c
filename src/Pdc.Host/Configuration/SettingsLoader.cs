using Microsoft.Extensions.Configuration;

namespace Pdc.Host.Configuration;

/// <summary>
/// Reads pdc.json (appsettings style) with environment-variable overrides: PDC_Concentrator__LagTime=00:00:00.2
/// overrides Concentrator:LagTime. Unknown keys and values of the wrong type are errors that name the key.
/// </summary>
internal static class SettingsLoader
{
    public const string EnvironmentPrefix = "PDC_";

    public static PdcSettings Load(string? path)
    {
        var builder = new ConfigurationBuilder();
        if (path is not null)
        {
            if (!File.Exists(path))
            {
                throw new SettingsException(path, ["the file does not exist (pdc demo runs without one; `pdc run --help` shows an example)."]);
            }

            builder.AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        var source = path ?? "environment";
        IConfigurationRoot configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            throw new SettingsException(source, [$"not valid JSON: {e.InnerException?.Message ?? e.Message}"]);
        }

        var settings = new PdcSettings();
        try
        {
            configuration.Bind(settings, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new SettingsException(source, [Describe(e)]);
        }

        var problems = settings.Validate();
        return problems.Count > 0 ? throw new SettingsException(source, problems) : settings;
    }

    /// <summary>The binder's message names the key; its inner exception says what was wrong with the value.</summary>
    private static string Describe(InvalidOperationException e) =>
        e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
}
