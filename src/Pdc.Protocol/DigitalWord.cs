namespace Pdc.Protocol;

/// <summary>One 16-bit digital status word: the 16 bit labels (CHNAM) and DIGUNIT's two masks.</summary>
public sealed record DigitalWord
{
    public const int BitsPerWord = 16;

    public DigitalWord(IReadOnlyList<string> labels, ushort normalStatus, ushort validInputs)
    {
        if (labels.Count != BitsPerWord)
        {
            throw new ArgumentException($"A digital word has {BitsPerWord} labels, not {labels.Count}.", nameof(labels));
        }

        Labels = labels;
        NormalStatus = normalStatus;
        ValidInputs = validInputs;
    }

    /// <summary>Labels of bits 0..15, in the order the config frame lists them.</summary>
    public IReadOnlyList<string> Labels { get; init; }

    /// <summary>The normal state of each input.</summary>
    public ushort NormalStatus { get; init; }

    /// <summary>Which bits of the word carry a real input.</summary>
    public ushort ValidInputs { get; init; }
}
