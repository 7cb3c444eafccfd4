using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Flask.Testing.Generators.Tests.Infrastructure;
using Flask.Testing.TestKit;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>
/// Thousands of mutated rubric files through the real generator: no exception ever escapes, and every file either
/// becomes a skill of the catalog or gets at least one error located inside that file.
/// </summary>
public sealed class RubricFuzzTests
{
    private const int Batches = 40;
    private const int FilesPerBatch = 50;

    private static readonly string[] Seeds = [.. Directory.GetFiles(RepoPaths.Rubrics, "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    private static readonly string[] Noise = [":", "- ", "[", "]", "{", "}", "\"", "'", "#", "\t", "  ", "\n", "&a ", "*a", "!!int ", "|", ">", "---\n", "\0", "\uFFFD", "é", "%", "@", "`", "? ", "6: x\n", "id: X\n", "scoring:\n"];

    [Fact]
    public void Mutated_rubrics_never_crash_and_every_broken_file_is_located()
    {
        int broken = 0;
        for (int batch = 0; batch < Batches; batch++)
        {
            var random = new Random(1000 + batch); // fixed seeds: a failure is reproducible from the batch number
            TestRubric[] files = [.. Enumerable.Range(0, FilesPerBatch).Select(i => new TestRubric($"/fuzz/b{batch}/f{i}.yaml", Mutate(Seeds[random.Next(Seeds.Length)], random)))];

            var (result, _) = GeneratorHarness.Run(files); // throws if the generator threw
            string catalog = result.GeneratedSources.FirstOrDefault(s => s.HintName == "FlaskSkills.g.cs").SourceText?.ToString() ?? string.Empty;
            foreach (TestRubric file in files)
            {
                if (catalog.Contains($"From the rubric <c>{Path.GetFileName(file.Path)}</c>", StringComparison.Ordinal))
                    continue;
                broken++;
                Diagnostic[] located = [.. result.Diagnostics.Where(d => d.Location.GetLineSpan().Path == file.Path && d.Severity == DiagnosticSeverity.Error)];
                Assert.True(located.Length > 0, $"batch {batch}: {file.Path} produced no skill and no located error:\n{file.Text}");
                int lines = file.Text.Split('\n').Length;
                Assert.All(located, d => Assert.InRange(d.Location.GetLineSpan().StartLinePosition.Line, 0, lines));
            }
        }
        // The mutations must actually break most files, or the test proves little.
        Assert.InRange(broken, Batches * FilesPerBatch / 2, Batches * FilesPerBatch);
    }

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations && lines.Count > 0; m++)
        {
            int at = random.Next(lines.Count);
            switch (random.Next(8))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(at, lines[random.Next(lines.Count)]); break;
                case 2: lines[at] = Insert(lines[at], Noise[random.Next(Noise.Length)], random); break;
                case 3: lines[at] = new string(' ', random.Next(0, 5)) + lines[at].TrimStart(); break;
                case 4: lines[at] = lines[at].Length > 0 ? lines[at][..random.Next(lines[at].Length)] : "x"; break;
                case 5: lines[at] = lines[at].Replace(':', random.Next(2) == 0 ? ' ' : '='); break;
                case 6: (lines[at], lines[^1]) = (lines[^1], lines[at]); break;
                default:
                    string joined = string.Join('\n', lines);
                    return joined[..random.Next(joined.Length + 1)]; // truncated file
            }
        }
        return string.Join('\n', lines);
    }

    private static string Insert(string line, string noise, Random random) => line.Insert(random.Next(line.Length + 1), noise);
}
