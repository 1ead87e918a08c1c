namespace Pdc.Analytics;

/// <summary>
/// Whether one subject of a detector can be judged; reports a <see cref="DetectorEventType.CannotJudge"/> event
/// when it cannot (with the reason) and ends it when it can again. Reasons are compared by value, so passing
/// the same constant each frame allocates nothing.
/// </summary>
internal sealed class Judgement(string subject, IReadOnlyList<string> pmus) : IJudged
{
    private DetectorEvent? open;
    private string? reason;

    public bool CanJudge => reason is null;

    Judgement IJudged.Judgement => this;

    /// <summary>Whether <paramref name="binding"/> (the detector's signals found in the config, when it has that
    /// step) and every subject can be judged: what a detector's CanJudge says.</summary>
    public static bool All<T>(T[] subjects, Judgement? binding = null)
        where T : IJudged
    {
        if (binding is { CanJudge: false })
        {
            return false;
        }

        foreach (var subject in subjects)
        {
            if (!subject.Judgement.CanJudge)
            {
                return false;
            }
        }

        return true;
    }

    public void Update(EventEmitter emitter, string? newReason, long time)
    {
        if (string.Equals(newReason, reason, StringComparison.Ordinal))
        {
            return;
        }

        if (open is not null)
        {
            emitter.End(open, time);
            open = null;
        }

        reason = newReason;
        if (newReason is not null)
        {
            open = emitter.Start(DetectorEventType.CannotJudge, EventSeverity.Info, subject, time, pmus, [], [], 0, "cannot judge: " + newReason);
        }
    }
}
