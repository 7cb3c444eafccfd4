using System;
using System.IO;
using System.Linq;
using Flask.Testing.Generators.Tests.Infrastructure;
using Flask.Testing.TestKit;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>
/// Mutated evaluator set files through the real generator: no exception ever escapes, and every file either becomes an
/// evaluator set or gets at least one error located inside that file.
/// </summary>
public sealed class EvaluatorSetFuzzTests
{
    private const int Batches = 20;
    private const int FilesPerBatch = 40;

    private static readonly TestRubric[] Rubrics = [.. Directory.GetFiles(RepoPaths.Rubrics, "*.yaml").Order(StringComparer.Ordinal)
        .Select(p => new TestRubric(p, File.ReadAllText(p), IsDefault: true))];

    private static readonly string[] Noise = [":", "- ", "[", "]", "{", "}", "\"", "'", "#", "\t", "  ", "\n", "&a ", "*a", "!!int ", "|", ">", "---\n", "\0", "é", "0", "9", ".5", "-", "e9", "NaN", "? ", "name: X\n", "skills:\n", "  Factuality: 4\n", "requiresReference: "];

    [Fact]
    public void Mutated_sets_never_crash_and_every_broken_file_is_located()
    {
        int broken = 0;
        for (int batch = 0; batch < Batches; batch++)
        {
            var random = new Random(2000 + batch); // fixed seeds: a failure is reproducible from the batch number
            // Each file gets its own name so that a valid mutation does not clash with its neighbours (FLASK024).
            TestRubric[] files = [.. Enumerable.Range(0, FilesPerBatch).Select(i => TestRubric.Set($"/fuzz/b{batch}/f{i}.yaml", Mutate(Seed($"Set{i}"), random)))];

            var (result, _) = GeneratorHarness.Run([.. Rubrics, .. files]); // throws if the generator threw
            foreach (TestRubric file in files)
            {
                if (result.GeneratedSources.Any(s => s.SourceText.ToString().Contains($"Generated from the evaluator set <c>{Path.GetFileName(file.Path)}</c>", StringComparison.Ordinal)))
                    continue;
                broken++;
                Diagnostic[] located = [.. result.Diagnostics.Where(d => d.Location.GetLineSpan().Path == file.Path && d.Severity == DiagnosticSeverity.Error)];
                Assert.True(located.Length > 0, $"batch {batch}: {file.Path} produced no evaluator set and no located error:\n{file.Text}");
                int lines = file.Text.Split('\n').Length;
                Assert.All(located, d => Assert.InRange(d.Location.GetLineSpan().StartLinePosition.Line, 0, lines));
            }
        }
        // The mutations must actually break most files, or the test proves little.
        Assert.InRange(broken, Batches * FilesPerBatch / 2, Batches * FilesPerBatch);
    }

    private static string Seed(string name) => $"""
        name: {name}
        description: A generated set.
        requiresReference: false
        skills:
          Factuality: 4
          Comprehension: 3
          conciseness: 2.5

        """;

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations && lines.Count > 0; m++)
        {
            int at = random.Next(lines.Count);
            switch (random.Next(7))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(at, lines[random.Next(lines.Count)]); break;
                case 2: lines[at] = lines[at].Insert(random.Next(lines[at].Length + 1), Noise[random.Next(Noise.Length)]); break;
                case 3: lines[at] = new string(' ', random.Next(0, 5)) + lines[at].TrimStart(); break;
                case 4: lines[at] = lines[at].Length > 0 ? lines[at][..random.Next(lines[at].Length)] : "x"; break;
                case 5: lines[at] = lines[at].Replace(':', random.Next(2) == 0 ? ' ' : '='); break;
                default:
                    string joined = string.Join('\n', lines);
                    return joined[..random.Next(joined.Length + 1)]; // truncated file
            }
        }
        return string.Join('\n', lines);
    }
}
