using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.Xunit;
using Microsoft.Extensions.AI;

[assembly: FlaskTestSetup(typeof(Flask.Testing.Xunit.Fixtures.FixtureSetup))]

namespace Flask.Testing.Xunit.Fixtures;

// The environment's judge, except with FLASK_FIXTURE_UNAVAILABLE: then a judge that cannot be asked, as the
// connection reports one (JudgeUnavailableException with that message, stopping the run).
public sealed class FixtureSetup : FlaskTestSetup
{
    public override IChatClient? CreateJudge(FlaskJudgeSettings settings) =>
        Environment.GetEnvironmentVariable("FLASK_FIXTURE_UNAVAILABLE") is { Length: > 0 } message
            ? new UnavailableJudge(message)
            : base.CreateJudge(settings);

    private sealed class UnavailableJudge(string message) : IChatClient
    {
        public int Calls;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            throw new JudgeUnavailableException(message, stopsTheRun: true);
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
