using System.Threading;

namespace Flask.Testing;

/// <summary>
/// Tells the judge whether a call below the response cache reached the network: the caller opens a probe, the
/// <see cref="LiveCallMarker"/> under the cache marks it. A mutable box in an AsyncLocal, because values set in a
/// callee's async flow do not flow back to the caller.
/// </summary>
internal sealed class LiveCallProbe
{
    private static readonly AsyncLocal<LiveCallProbe?> CurrentProbe = new();

    public bool Live { get; private set; }

    public static LiveCallProbe Open() => CurrentProbe.Value = new LiveCallProbe();

    public static void MarkLive()
    {
        if (CurrentProbe.Value is { } probe)
            probe.Live = true;
    }
}
