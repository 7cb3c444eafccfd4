using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Xunit.Tests;

/// <summary>
/// The README's main job runs the sample offline from its committed judge answers: a change to how requests are keyed
/// or prompts are built must not turn those answers into misses (every test would be skipped, and a skip is green).
/// </summary>
public sealed class SampleReplayTests : System.IDisposable
{
    private readonly TempDirectory _work = new("flask-sample-replay");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task The_sample_replays_every_recorded_answer_without_a_judge_and_no_test_is_skipped()
    {
        FixtureRun run = await FixtureRun.RunAssemblyAsync(FixtureRun.SampleAssembly, _work, new Dictionary<string, string?>());

        Assert.Equal(6, run.Outcomes.Count);
        Assert.All(run.Outcomes, o => Assert.True(o.Value.Result == "Pass", $"{o.Key}: {o.Value.Result} {o.Value.Message}"));
        Assert.Equal(0, run.ExitCode);
    }
}
