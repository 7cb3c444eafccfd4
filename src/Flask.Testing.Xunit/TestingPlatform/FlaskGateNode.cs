using System;
using System.Threading.Tasks;
using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.Extensions.TestHost;
using Microsoft.Testing.Platform.Messages;
using Microsoft.Testing.Platform.Services;

namespace Flask.Testing.Xunit;

/// <summary>
/// The regression gate as one test node of the platform's run. xUnit reports an exception from an assembly fixture's
/// cleanup once per test under Microsoft.Testing.Platform (6 tests show as 12, 7 failed); so when this handler is in the
/// session, the run fixture hands a failed gate (a regression, or a baseline it cannot read) to it instead of throwing, and it fails the run once: one node named
/// "FLASK regression gate" with the gate's message, counted in the totals and the exit code.
/// </summary>
internal sealed class FlaskGateNode(IMessageBus bus) : ITestSessionLifetimeHandler, IDataProducer
{
    /// <summary>The display name (and id) of the node a failed gate adds to the run.</summary>
    public const string Name = "FLASK regression gate";

    public string Uid => "Flask.Testing.Xunit.RegressionGate";

    public string Version => "1.0.0";

    public string DisplayName => Name;

    public string Description => "Reports a FLASK regression against the baseline as one failed test node.";

    public Type[] DataTypesProduced => [typeof(TestNodeUpdateMessage)];

    public Task<bool> IsEnabledAsync() => Task.FromResult(true);

    public Task OnTestSessionStartingAsync(ITestSessionContext testSessionContext)
    {
        FlaskGateHandoff.Attach();
        return Task.CompletedTask;
    }

    public async Task OnTestSessionFinishingAsync(ITestSessionContext testSessionContext)
    {
        ArgumentNullException.ThrowIfNull(testSessionContext);
        if (FlaskGateHandoff.Failed is not { } message)
            return;
        var node = new TestNode { Uid = new TestNodeUid(Uid), DisplayName = Name };
        node.Properties.Add(new FailedTestNodeStateProperty(message));
        // Reports such as TRX file every result under a class and method: the gate's are the run fixture's.
        node.Properties.Add(new TestMethodIdentifierProperty(typeof(FlaskTestRun).Assembly.FullName!, typeof(FlaskTestRun).Namespace!,
            nameof(FlaskTestRun), "RegressionGate", 0, [], "System.Void"));
        await bus.PublishAsync(this, new TestNodeUpdateMessage(testSessionContext.SessionUid, node)).ConfigureAwait(false);
    }
}
