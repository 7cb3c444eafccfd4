namespace Flask.Testing.Xunit;

/// <summary>
/// Where the run fixture leaves a failed gate for <see cref="FlaskGateNode"/>. Both halves live in this assembly and
/// meet once per process (xUnit creates the fixture, the platform the handler, neither can reach the other), so a
/// process-wide slot is the only channel; it carries nothing else.
/// </summary>
internal static class FlaskGateHandoff
{
    private static volatile bool _attached;
    private static volatile string? _failed;

    /// <summary>Whether the platform's gate node is in this session (only under dotnet test).</summary>
    public static bool Attached => _attached;

    /// <summary>The message of the failed gate handed over (a regression, or a baseline that cannot be read), if any.</summary>
    public static string? Failed => _failed;

    public static void Attach() => _attached = true;

    /// <summary>Hands <paramref name="report"/> to the gate node; false when no node is attached (then the fixture throws).</summary>
    public static bool TryHandOver(GateReport report) => TryHandOver(new FlaskRegressionException(report).Message);

    /// <summary>Hands the gate's failure <paramref name="message"/> (one line or the gate's text) to the gate node; false when no node is attached.</summary>
    public static bool TryHandOver(string message)
    {
        if (!_attached)
            return false;
        _failed = message;
        return true;
    }
}
