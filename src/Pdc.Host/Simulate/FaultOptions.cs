using System.CommandLine;
using Pdc.Simulation.Faults;
using Pdc.Simulation.Scenarios;

namespace Pdc.Host.Simulate;

/// <summary>The fault options of <c>pdc simulate</c>, read into <see cref="FaultSettings"/> for every PMU from the start.</summary>
internal sealed class FaultOptions
{
    private readonly Option<double> drop = new("--drop") { HelpName = "PERCENT", Description = "Drop this percentage of data frames." };
    private readonly Option<double> duplicate = new("--duplicate") { HelpName = "PERCENT", Description = "Send this percentage of data frames twice." };
    private readonly Option<double> reorder = new("--reorder") { HelpName = "PERCENT", Description = "Send this percentage of data frames after the next one." };
    private readonly Option<double> badCrc = new("--bad-crc") { HelpName = "PERCENT", Description = "Corrupt the CHK of this percentage of data frames." };
    private readonly Option<double> jitter = new("--jitter") { HelpName = "MS", Description = "Delay each data frame by up to this many milliseconds." };
    private readonly Option<double> clockOffset = new("--clock-offset") { HelpName = "MS", Description = "The PMUs' clocks run this many milliseconds ahead (negative: behind): frames leave early, angles are biased." };
    private readonly Option<int> timeQuality = new("--time-quality") { HelpName = "CODE", Description = "FRACSEC time-quality code, 0 (locked) to 15 (clock failure)." };
    private readonly Option<bool> syncError = new("--sync-error") { Description = "Set STAT bit 13: time synchronization lost." };
    private readonly Option<double> disconnectEvery = new("--disconnect-every") { HelpName = "SECONDS", Description = "Close every TCP connection every this many seconds." };
    private readonly Option<double?> configChangeAt = new("--config-change-at") { HelpName = "SECONDS", Description = "At this many seconds from the start, every PMU gets one more phasor and a new CFGCNT (STAT bit 10 the minute before)." };

    public void AddTo(Command command)
    {
        command.Options.Add(drop);
        command.Options.Add(duplicate);
        command.Options.Add(reorder);
        command.Options.Add(badCrc);
        command.Options.Add(jitter);
        command.Options.Add(clockOffset);
        command.Options.Add(timeQuality);
        command.Options.Add(syncError);
        command.Options.Add(disconnectEvery);
        command.Options.Add(configChangeAt);
    }

    /// <exception cref="ArgumentException">A value is out of range; the message names the option.</exception>
    public FaultSettings Read(ParseResult parse)
    {
        var code = parse.GetValue(timeQuality);
        return new FaultSettings
        {
            DropPercent = Percent(parse, drop),
            DuplicatePercent = Percent(parse, duplicate),
            ReorderPercent = Percent(parse, reorder),
            BadCrcPercent = Percent(parse, badCrc),
            JitterMilliseconds = NotNegative(parse, jitter),
            ClockOffsetMilliseconds = parse.GetValue(clockOffset),
            TimeQualityCode = code is >= 0 and <= 15 ? (byte)code : throw new ArgumentException($"{timeQuality.Name} is a code from 0 to 15, not {code}."),
            SyncError = parse.GetValue(syncError),
            DisconnectEverySeconds = NotNegative(parse, disconnectEvery),
        };
    }

    public Scenario ApplyConfigChange(ParseResult parse, Scenario scenario)
    {
        var at = parse.GetValue(configChangeAt);
        return at switch
        {
            null => scenario,
            < 0 => throw new ArgumentException($"--config-change-at is a number of seconds from the start, 0 or more; not {at}."),
            _ => scenario.WithConfigChange(at.Value),
        };
    }

    private static double Percent(ParseResult parse, Option<double> option)
    {
        var value = parse.GetValue(option);
        return value is >= 0 and <= 100 ? value : throw new ArgumentException($"{option.Name} is a percentage, 0 to 100; not {value}.");
    }

    private static double NotNegative(ParseResult parse, Option<double> option)
    {
        var value = parse.GetValue(option);
        return value >= 0 && double.IsFinite(value) ? value : throw new ArgumentException($"{option.Name} is 0 or more, not {value}.");
    }
}
