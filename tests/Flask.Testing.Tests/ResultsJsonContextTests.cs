using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flask.Testing.Results;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The results format goes through its generated serialization code (issue 12), and a line written through it is
/// byte for byte the line the reflection-based serializer wrote before, and reads back to the same result.
/// </summary>
public sealed class ResultsJsonContextTests
{
    /// <summary>The options the results format had before the generated code: reflection only.</summary>
    private static readonly JsonSerializerOptions Reflection = new(ResultsJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Fact]
    public void Results_resolve_through_the_generated_context()
    {
        Assert.Same(ResultsJsonContext.Default, ResultsJson.Options.GetTypeInfo(typeof(ScoredResponse)).OriginatingResolver);
        Assert.Same(ResultsJsonContext.Default, ResultsJson.Indented.GetTypeInfo(typeof(ScoredResponse)).OriginatingResolver);
    }

    [Fact]
    public void Other_types_still_serialize_with_the_results_options()
    {
        // Reports and summaries serialize their own types (anonymous ones too) with these options.
        Assert.Equal("""{"modelName":"m","score":4.5}""", JsonSerializer.Serialize(new { ModelName = "m", Score = 4.5, Missing = (string?)null }, ResultsJson.Options));
    }

    [Fact]
    public void Generated_lines_are_the_reflection_lines_for_generated_results()
    {
        var random = new Random(20261129);
        for (int i = 0; i < 500; i++)
        {
            ScoredResponse response = Generate(random, i);
            string line = ResultsJson.ToLine(response);

            Assert.Equal(JsonSerializer.Serialize(response, Reflection), line);
            Assert.Equal(JsonSerializer.Serialize(response, new JsonSerializerOptions(Reflection) { WriteIndented = true }), JsonSerializer.Serialize(response, ResultsJson.Indented));
            ScoredResponse back = JsonSerializer.Deserialize<ScoredResponse>(line, ResultsJson.Options)!;
            Assert.Equal(line, ResultsJson.ToLine(back));
            Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<ScoredResponse>(line, Reflection), Reflection), ResultsJson.ToLine(back));
        }
    }

    [Fact]
    public void The_results_file_holds_each_line_and_its_newline_for_generated_results()
    {
        // The file is written as UTF-8 straight from the serializer: byte for byte the text lines of ToLine.
        var random = new Random(20261130);
        ScoredResponse[] responses = [.. Enumerable.Range(0, 300).Select(i => Generate(random, i))];
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"flask-results-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (ResultsFile file = ResultsFile.Open(path, append: false))
            {
                foreach (ScoredResponse response in responses.Take(200))
                    file.Append(response);
            }
            using (ResultsFile file = ResultsFile.Open(path, append: true))
            {
                foreach (ScoredResponse response in responses.Skip(200))
                    file.Append(response);
            }
            byte[] expected = new System.Text.UTF8Encoding(false).GetBytes(string.Concat(responses.Select(r => ResultsJson.ToLine(r) + "\n")));
            Assert.Equal(expected, System.IO.File.ReadAllBytes(path));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    /// <summary>A generated result: texts that need escaping, every status, missing and present optional fields.</summary>
    internal static ScoredResponse Generate(Random random, int i)
    {
        string Text() => random.Next(6) switch
        {
            0 => string.Empty,
            1 => "plain words",
            2 => "quotes \" and \\ backslashes, <html> & 'apostrophes'",
            3 => "line\nbreaks\r\n\ttabs \u0001 control",
            4 => "non-ASCII: é ü 中文 😀 \u2028",
            _ => new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(32, 0x3000))]),
        };
        string? Maybe() => random.Next(3) == 0 ? null : Text();
        double? Score() => random.Next(4) == 0 ? null : random.Next(2) == 0 ? random.Next(1, 6) : Math.Round(random.NextDouble() * 5, random.Next(4));
        SkillScoreStatus Status() => (SkillScoreStatus)random.Next(Enum.GetValues<SkillScoreStatus>().Length);
        return new ScoredResponse
        {
            Id = $"id-{i}-{Text()}",
            DisplayName = Maybe(),
            Model = Maybe(),
            Instruction = Text(),
            Response = Maybe(),
            Reference = Maybe(),
            Domains = [.. Enumerable.Range(0, random.Next(3)).Select(_ => Text())],
            Difficulty = Maybe(),
            Skills = [.. Enumerable.Range(0, random.Next(0, 5)).Select(k => new ScoredSkill($"Skill{k}", Text(), Text(), Status(), Score(), Score(), random.Next(2) == 0, Maybe(), Maybe()))],
            Unrequested = random.Next(3) == 0 ? null : [.. Enumerable.Range(0, random.Next(1, 3)).Select(k => new UnrequestedScore($"Key{k}", Status(), Score(), Text(), random.Next(3)))],
            Review = Maybe(),
            JudgeModel = Text(),
            InputTokens = random.NextInt64(0, long.MaxValue),
            OutputTokens = random.Next(),
            LatencyMs = random.Next(3) == 0 ? 0 : Math.Round(random.NextDouble() * 10_000, 3),
            CacheHit = random.Next(2) == 0,
        };
    }
}
