using System;
using Microsoft.Testing.Platform.Builder;
using Microsoft.Testing.Platform.Services;

namespace Flask.Testing.Xunit;

/// <summary>
/// Registers FLASK's regression gate with Microsoft.Testing.Platform (the package's build files list this type as a
/// <c>TestingPlatformBuilderHook</c>; the platform calls it only under <c>dotnet test</c>). Not for direct use.
/// </summary>
public static class FlaskTestingPlatformHook
{
    /// <summary>Adds the gate's session handler, which reports a regression as one failed test node.</summary>
    /// <param name="builder">The test application being built.</param>
    /// <param name="args">The command line (unused).</param>
    public static void AddExtensions(ITestApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.TestHost.AddTestSessionLifetimeHandler(services => new FlaskGateNode(services.GetMessageBus()));
    }
}
