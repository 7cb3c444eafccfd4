using System;
using System.Globalization;

namespace Flask.Testing;

/// <summary>
/// Writes a prompt's pieces into a span, or only counts them when the span is empty: the same code measures a prompt
/// and then writes it into a string of exactly that length (<c>string.Create</c>), with no builder to grow and copy.
/// </summary>
internal ref struct PromptWriter(Span<char> destination)
{
    private readonly Span<char> _destination = destination;

    /// <summary>How many characters were put so far.</summary>
    public int Length { get; private set; }

    /// <summary>Puts <paramref name="text"/>.</summary>
    public void Put(scoped ReadOnlySpan<char> text)
    {
        if (!_destination.IsEmpty && !text.TryCopyTo(_destination[Length..]))
            throw Changed();
        Length += text.Length;
    }

    /// <summary>
    /// The error when the text written is not the text measured: a caller's dictionary or list that changed between the
    /// two passes (another thread, a value computed on each read) would otherwise give a prompt cut short or padded.
    /// </summary>
    public static InvalidOperationException Changed() => new("The prompt's text changed while it was written (a field or skill changed between measuring and writing it).");

    /// <summary>Puts <paramref name="number"/> in invariant digits.</summary>
    public void Put(int number)
    {
        Span<char> digits = stackalloc char[11];
        number.TryFormat(digits, out int length, provider: CultureInfo.InvariantCulture);
        Put(digits[..length]);
    }
}
