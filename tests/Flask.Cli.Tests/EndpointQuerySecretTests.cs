using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// A credential in the judge endpoint's query string (<c>?api-key=…</c>, as some gateways take it) is shown as ***:
/// it appears in no output and no file of a run, whether the judge answers, fails or is not there.
/// </summary>
public sealed class EndpointQuerySecretTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-query-secret");

    public void Dispose() => _work.Dispose();

    /// <summary>A generated secret (fixed seed per case, so a failure repeats), shaped like a key.</summary>
    private static string Secret(int seed)
    {
        var random = new Random(seed);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return "sk-" + new string([.. Enumerable.Range(0, 24 + random.Next(24)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    private string Dataset()
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, "set.jsonl");
        File.WriteAllLines(path, [
            """{"idx": 1, "instruction": "Name a prime.", "answer": "2", "skill": ["Factuality"]}""",
            """{"idx": 2, "instruction": "Name a colour.", "answer": "Red", "skill": ["Readability", "Conciseness"]}"""]);
        string responses = Path.Combine(_work, "responses.jsonl");
        File.WriteAllLines(responses, ["""{"question_id": 1, "text": "3"}""", """{"question_id": 2, "text": "Blue"}"""]);
        return path;
    }

    private async Task<(int ExitCode, string Text)> Bench(string endpoint, string run, bool viaEnvironment)
    {
        string dataset = Dataset();
        string dir = Path.Combine(_work, run);
        Directory.CreateDirectory(dir);
        string[] judge = viaEnvironment ? [] : ["--judge-endpoint", endpoint, "--judge-model", "loopback-judge"];
        var (exitCode, output, errors) = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Path.Combine(_work, "responses.jsonl"),
                "--out", Path.Combine(dir, "run.jsonl"), "--store", Path.Combine(dir, "history.db"), "--cache-dir", Path.Combine(dir, "cache"), .. judge],
            new Dictionary<string, string?>
            {
                ["FLASK_JUDGE_ENDPOINT"] = viaEnvironment ? endpoint : null,
                ["FLASK_JUDGE_MODEL"] = viaEnvironment ? "loopback-judge" : null,
                ["FLASK_JUDGE_MAX_RETRIES"] = "0",
                ["FLASK_JUDGE_TIMEOUT_SECONDS"] = "20",
            });
        return (exitCode, output + errors);
    }

    /// <summary>Every file under the work folder (results, cache, history store) as bytes, searched for the secret.</summary>
    private void AssertNoFileHolds(string secret)
    {
        byte[] needle = Encoding.UTF8.GetBytes(secret);
        foreach (string file in Directory.EnumerateFiles(_work, "*", SearchOption.AllDirectories))
            Assert.False(File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0, $"{file} holds the endpoint's query secret");
    }

    [Fact]
    public async Task A_judge_that_fails_and_echoes_the_URL_shows_the_query_value_as_stars_never_the_secret()
    {
        string secret = Secret(1401);
        await using var judge = await LoopbackJudge.StartAsync(_ => new JudgeReply
        {
            Status = 500,
            RawBody = $$$"""{"error": {"message": "upstream failed for /v1/chat/completions?api-key={{{secret}}}"}}""",
        });

        var (exitCode, text) = await Bench($"{judge.BaseUrl}?api-key={secret}", "failing", viaEnvironment: false);

        Assert.Equal(1, exitCode);
        Assert.Contains("?api-key=***", text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        AssertNoFileHolds(secret);
    }

    [Fact]
    public async Task A_judge_that_is_not_there_names_the_endpoint_without_its_query_value()
    {
        string secret = Secret(1402);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exitCode, text) = await Bench($"http://127.0.0.1:{port}/v1/?deployment=judge&api-key={secret}", "dead", viaEnvironment: true);

        Assert.Equal(1, exitCode);
        Assert.Contains($"http://127.0.0.1:{port}/v1/?deployment=***&api-key=***", text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        AssertNoFileHolds(secret);
    }

    [Fact]
    public async Task A_judged_run_writes_the_query_secret_to_no_output_result_cache_or_store()
    {
        string secret = Secret(1403);
        await using var judge = await LoopbackJudge.StartAsync();

        var (exitCode, text) = await Bench($"{judge.BaseUrl}?api-key={secret}", "judged", viaEnvironment: true);

        Assert.Equal(0, exitCode);
        Assert.NotEmpty(judge.Calls); // the gateway got its credential: it is sent, only never shown
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        AssertNoFileHolds(secret);
    }
}
