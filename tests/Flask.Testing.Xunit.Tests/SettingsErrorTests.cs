using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Xunit.Tests;

/// <summary>An invalid FLASK setting fails every FLASK test with one line naming the variable, the value and what is allowed.</summary>
public sealed class SettingsErrorTests : IDisposable
{
    private const string Fixtures = "Flask.Testing.Xunit.Fixtures.FixtureTests";
    private readonly TempDirectory _work = new("flask-xunit-settings");

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData("FLASK_REQUIRE_JUDGE", "on", "FLASK_REQUIRE_JUDGE must be true or false, not 'on'.")]
    [InlineData("FLASK_GATE_TOLERANCE", "0,25", "FLASK_GATE_TOLERANCE must be a number of score points, 0 or more, such as 0.25, not '0,25'.")]
    [InlineData("FLASK_JUDGE_CONCURRENCY", "0", "FLASK_JUDGE_CONCURRENCY must be a whole number above 0, not '0'.")]
    public async Task An_invalid_setting_fails_every_FLASK_test_with_its_one_line_never_a_skip(string variable, string value, string expected)
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());
        FixtureRun run = await FixtureRun.RunAsync(Path.Combine(_work, variable), new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
            ["FLASK_JUDGE_MODEL"] = "fixture-judge",
            ["FLASK_JUDGE_CACHE"] = "off",
            [variable] = value,
        }, "-class", Fixtures);

        Assert.Equal(7, run.Outcomes.Count);
        Assert.All(run.Outcomes.Values, o => Assert.Equal("Fail", o.Result));
        // The one line and nothing else: a user error is no exception type and no stack trace, once per test.
        Assert.All(run.Outcomes.Values, o => Assert.Equal(expected, o.Message));
        Assert.DoesNotContain("FormatException", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Inner Stack Trace", run.Output, StringComparison.Ordinal);
        Assert.Empty(judge.Calls); // nothing was judged with settings that cannot be read
        Assert.NotEqual(0, run.ExitCode);
    }
}
