namespace Flask.Testing;

/// <summary>An item of a data file that could not be used, and why: reported, and the rest goes on.</summary>
/// <param name="Where">File and line, as <c>path:line</c>.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record DataProblem(string Where, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Where}: {Reason}";
}
