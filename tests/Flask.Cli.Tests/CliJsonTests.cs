using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Flask.Cli.Json;
using Flask.Testing;
using Flask.Testing.Analysis;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// The CLI's JSON documents go through generated serialization code only, so the Native AOT tool (reflection-based
/// serialization switched off) writes them; and each is byte for byte what the reflection serializer wrote for the
/// anonymous shapes the commands used before.
/// </summary>
public sealed class CliJsonTests
{
    /// <summary>The results options with reflection only: what the CLI's documents went through before.</summary>
    private static readonly JsonSerializerOptions Reflection = new(ResultsJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Theory]
    [InlineData(typeof(ComparisonDocument))]
    [InlineData(typeof(TrendDocument))]
    [InlineData(typeof(AnnotatedInstanceLine))]
    [InlineData(typeof(System.Collections.Generic.IReadOnlyList<ModelAnalysis>))]
    [InlineData(typeof(System.Collections.Generic.IReadOnlyList<RunInfo>))]
    public void Every_document_resolves_through_generated_code(Type type)
    {
        Assert.IsAssignableFrom<JsonSerializerContext>(CliJson.Line.GetTypeInfo(type).OriginatingResolver);
        Assert.IsAssignableFrom<JsonSerializerContext>(CliJson.Indented.GetTypeInfo(type).OriginatingResolver);
    }

    [Fact]
    public void Annotated_lines_are_the_reflection_lines_for_generated_instances()
    {
        var random = new Random(20261129);
        string Text() => new([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)random.Next(1, 0x3000))]);
        string? Maybe() => random.Next(3) == 0 ? null : Text();
        string[] List() => [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Text())];
        for (int i = 0; i < 500; i++)
        {
            var (id, instruction, answer, skills, domains, difficulty) = (Text(), Text(), Maybe(), List(), List(), Maybe());
            string before = JsonSerializer.Serialize(new { idx = id, instruction, answer, skill = skills, domain = domains, difficulty }, Reflection);
            Assert.Equal(before, CliJson.Serialize(new AnnotatedInstanceLine(id, instruction, answer, skills, domains, difficulty), CliJson.Line));
        }
    }

    [Fact]
    public void Trend_documents_are_the_reflection_documents_for_generated_trends()
    {
        var random = new Random(1129);
        for (int i = 0; i < 100; i++)
        {
            RunInfo[] runs = [.. Enumerable.Range(0, random.Next(0, 4)).Select(r => new RunInfo
            {
                Id = r + 1,
                RecordedAt = new DateTimeOffset(2026, 11, 29, random.Next(24), random.Next(60), 0, TimeSpan.FromHours(random.Next(-3, 4))),
                Project = $"p\"{r}é",
                Source = "bench",
                Branch = random.Next(2) == 0 ? null : "main",
                JudgeModels = "gpt-4o",
            })];
            SkillTrend[] skills = [.. Enumerable.Range(0, random.Next(0, 3)).Select(s => new SkillTrend($"S{s}", $"Skill <{s}>",
                [.. runs.Select(r => new TrendPoint(r.Id, random.Next(3) == 0 ? null : Math.Round(random.NextDouble() * 4 + 1, random.Next(4)), random.Next(50)))],
                random.Next(2) == 0 ? null : 3.25))];
            double tolerance = Math.Round(random.NextDouble(), 3);
            string store = $"/tmp/store-{i}.db", selection = $"Trend of project \"p{i}\", judged by gpt-4o <{i}>";
            string before = JsonSerializer.Serialize(new { store, selection, Tolerance = tolerance, Runs = runs, Skills = skills }, new JsonSerializerOptions(Reflection) { WriteIndented = true });
            Assert.Equal(before, CliJson.Serialize(new TrendDocument(store, selection, tolerance, runs, skills), CliJson.Indented));
        }
    }
}
