using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Xunit.Tests;

/// <summary>A credential in the judge endpoint's query string is never shown by a test run: not in a test's failure, its output or any file.</summary>
public sealed class EndpointSecretTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-xunit-query-secret");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task A_failing_judge_fails_each_test_naming_the_endpoint_with_its_query_value_as_stars()
    {
        var random = new Random(1415);
        string secret = "sk-" + new string([.. Enumerable.Range(0, 32).Select(_ => (char)('a' + random.Next(26)))]);
        await using var judge = await LoopbackJudge.StartAsync(_ => new JudgeReply
        {
            Status = 500,
            RawBody = $$$"""{"error": {"message": "upstream failed for /v1/chat/completions?api-key={{{secret}}}"}}""",
        });

        FixtureRun run = await FixtureRun.RunAsync(_work, new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_ENDPOINT"] = $"{judge.BaseUrl}?api-key={secret}",
            ["FLASK_JUDGE_MODEL"] = "fixture-judge",
            ["FLASK_JUDGE_CACHE"] = "off",
            ["FLASK_JUDGE_MAX_RETRIES"] = "0",
            ["FLASK_HISTORY"] = Path.Combine(_work, "history.db"),
        }, "-class", "Flask.Testing.Xunit.Fixtures.FixtureTests");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(run.Outcomes.Values, o => o.Result == "Fail" && o.Message.Contains("?api-key=***", StringComparison.Ordinal));
        Assert.DoesNotContain(secret, run.Output, StringComparison.Ordinal);
        byte[] needle = Encoding.UTF8.GetBytes(secret);
        foreach (string file in Directory.EnumerateFiles(_work, "*", SearchOption.AllDirectories)) // the xUnit XML, results, summary, history
            Assert.False(File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0, $"{file} holds the endpoint's query secret");
    }
}
