using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>dotnet flask bench --rubrics: a team's own skills, read at run time by the generator's parser.</summary>
public sealed class BenchRubricsTests : IDisposable
{
    private const string BrandVoiceCriteria = "Does the response speak in Contoso's warm, plain-spoken brand voice?";

    private readonly TempDirectory _work = new("flask-cli-rubrics");

    public void Dispose() => _work.Dispose();

    private string Write(string name, string text)
    {
        string path = Path.Combine(_work, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A rubric file's text: <paramref name="levels"/> score levels (5 is valid), each saying its level.</summary>
    internal static string Rubric(string id, string name, string criteria, int levels = 5, string ability = "User Alignment") =>
        $"id: {id}\nname: {name}\nability: {ability}\ncriteria: \"{criteria}\"\nscoring:\n" +
        string.Concat(Enumerable.Range(1, levels).Select(level => $"  {level}: \"Level {level} of {name}.\"\n"));

    private (string Dataset, string Responses) Data()
    {
        string dataset = Write("set.jsonl", """{"idx": 1, "instruction": "Greet a customer who asks about delivery.", "skill": ["Brand Voice", "Factuality"]}""" + "\n");
        string responses = Write("responses.jsonl", """{"question_id": 1, "text": "Hi there! Your parcel is on its way."}""" + "\n");
        return (dataset, responses);
    }

    [Fact]
    public async Task Bench_with_rubrics_judges_a_custom_skill_end_to_end_with_its_rubric_in_the_prompt()
    {
        string rubrics = Path.Combine(_work, "rubrics");
        Write("rubrics/brand-voice.yaml", Rubric("BrandVoice", "Brand Voice", BrandVoiceCriteria));
        var (dataset, responses) = Data();
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        string output = Path.Combine(_work, "out.jsonl");

        var without = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", responses, "--out", Path.Combine(_work, "without.jsonl"), .. Cli.Judge(judge, Path.Combine(_work, "cache0"))]);
        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", responses, "--out", output, "--rubrics", rubrics, "--cache", "off", .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.NotEqual(0, without.ExitCode); // FLASK's 12 alone do not know Brand Voice
        Assert.Contains("Brand Voice", without.Errors);
        Assert.Equal(0, run.ExitCode);
        JudgeCall call = Assert.Single(judge.Calls);
        Assert.Contains(BrandVoiceCriteria, call.UserPrompt);
        Assert.Contains("Level 5 of Brand Voice.", call.UserPrompt);
        ScoredResponse result = Assert.Single(ResultsJson.ReadLines(output));
        Assert.Equal([("Factuality", 4.0), ("BrandVoice", 4.0)], result.Skills.Select(s => (s.Id, s.Score!.Value)).OrderBy(s => s.Id == "BrandVoice"));
    }

    [Fact]
    public async Task A_rubric_with_a_FLASK_skill_id_replaces_FLASKs_rubric_as_in_a_build()
    {
        string rubrics = Path.Combine(_work, "rubrics");
        Write("rubrics/brand-voice.yaml", Rubric("BrandVoice", "Brand Voice", BrandVoiceCriteria));
        Write("rubrics/factuality.yaml", Rubric("Factuality", "Factuality", "Does every fact match Contoso's delivery policy?"));
        var (dataset, responses) = Data();
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", responses, "--out", Path.Combine(_work, "out.jsonl"), "--rubrics", rubrics, "--cache", "off", .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(0, run.ExitCode);
        string prompt = Assert.Single(judge.Calls).UserPrompt;
        Assert.Contains("Does every fact match Contoso's delivery policy?", prompt);
        Assert.DoesNotContain("Did the model extract pertinent and accurate background knowledge", prompt);
    }

    [Fact]
    public async Task A_broken_rubric_is_exit_2_with_the_generators_located_error_on_one_line()
    {
        string rubrics = Path.Combine(_work, "rubrics");
        string broken = Write("rubrics/brand-voice.yaml", Rubric("BrandVoice", "Brand Voice", BrandVoiceCriteria, levels: 4));
        var (dataset, responses) = Data();
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", responses, "--out", Path.Combine(_work, "out.jsonl"), "--rubrics", rubrics, "--cache", "off", .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Matches($@"^dotnet flask: {Regex.Escape(broken)}:\d+:\d+: error FLASK004: Scoring must define exactly the levels 1 to 5", line);
        Assert.Empty(judge.Calls);
    }
}
