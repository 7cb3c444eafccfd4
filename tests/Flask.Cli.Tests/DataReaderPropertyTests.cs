using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Flask.Testing.Analysis;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// Generated data files (fixed seeds, thousands of lines of every shape and type): the readers never throw, and every
/// line is either read or a problem located at that line; what is read can make one judge call. Generated names: the
/// Markdown report writes them as literal text.
/// </summary>
public sealed class DataReaderPropertyTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-props");

    public void Dispose() => _work.Dispose();

    private static readonly string[] SkillNames = [.. FlaskSkills.Catalog.Select(s => s.Name), "factuality", "Factualty", "Charm", ""];

    private static string Value(Random random, Func<string> text) => random.Next(9) switch
    {
        0 => "null",
        1 => random.Next(-3, 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => "[1, \"a\"]",
        3 => "{\"x\": 1}",
        4 => "true",
        5 => "\"lone \\ud800 surrogate\"",
        _ => text(),
    };

    private static string Skills(Random random) => random.Next(6) switch
    {
        0 => Value(random, () => "\"Factuality\""),
        _ => "[" + string.Join(", ", Enumerable.Range(0, random.Next(15)).Select(_ => random.Next(10) == 0 ? Value(random, () => "\"x\"") : $"\"{SkillNames[random.Next(SkillNames.Length)]}\"")) + "]",
    };

    private static string Rubric(Random random) => random.Next(4) switch
    {
        0 => Value(random, () => "{}"),
        _ => "{" + string.Join(", ", Enumerable.Range(0, random.Next(3)).Select(_ =>
            $"\"{SkillNames[random.Next(SkillNames.Length)]}\": " + random.Next(4) switch
            {
                0 => Value(random, () => "{}"),
                1 => $"{{\"checklist\": {(random.Next(2) == 0 ? "[\"a\", \"b\"]" : Value(random, () => "[]"))}}}",
                2 => "{\"scoring\": {\"1\": \"a\", \"2\": \"b\", \"3\": \"c\", \"4\": \"d\", \"5\": \"e\"}}",
                _ => $"{{\"scoring\": {{\"1\": \"a\", \"2\": {Value(random, () => "\"b\"")}, \"3\": \"c\", \"5\": \"e\"}}}}",
            })) + "}",
    };

    private static string InstanceLine(Random random, int number)
    {
        if (random.Next(30) == 0)
            return random.Next(3) switch { 0 => "", 1 => "{\"idx\": 1, \"instruction\": \"cut", _ => "[1, 2]" };
        var fields = new List<string>();
        if (random.Next(10) > 0)
            fields.Add($"\"idx\": {(random.Next(8) == 0 ? Value(random, () => "\"7\"") : number.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        if (random.Next(15) > 0)
            fields.Add($"\"instruction\": {(random.Next(6) == 0 ? Value(random, () => "\"Q\"") : $"\"Question {number}\"")}");
        if (random.Next(3) == 0)
            fields.Add($"\"answer\": {Value(random, () => "\"A\"")}");
        if (random.Next(12) > 0)
            fields.Add($"\"skill\": {Skills(random)}");
        if (random.Next(4) == 0)
            fields.Add($"\"rubric\": {Rubric(random)}");
        if (random.Next(5) == 0)
            fields.Add($"\"min_score\": {Value(random, () => "3.5")}");
        if (random.Next(4) == 0)
            fields.Add($"\"difficulty\": {Value(random, () => "\"expert level knowledge\"")}");
        if (random.Next(4) == 0)
            fields.Add($"\"domain\": {Value(random, () => "[\"Coding\", \"-1\"]")}");
        return "{" + string.Join(", ", fields.OrderBy(_ => random.Next())) + "}";
    }

    private static bool IsValidText(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && (i + 1 == text.Length || !char.IsLowSurrogate(text[++i])))
                return false;
            if (char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
                return false;
        }
        return true;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_line_of_a_generated_dataset_is_read_or_located_and_what_is_read_makes_one_judge_call(int seed)
    {
        var random = new Random(seed);
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, $"set-{seed}.jsonl");
        string[] lines = [.. Enumerable.Range(1, 3000).Select(n => InstanceLine(random, n))];
        File.WriteAllLines(path, lines, new UTF8Encoding(false));

        var (instances, problems) = FlaskDatasetReader.ReadInstances(path, FlaskSkills.Catalog);

        int[] located = [.. instances.Select(i => i.Source).Concat(problems.Select(p => p.Where)).Select(w => int.Parse(w[(path.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Order()];
        Assert.Equal(Enumerable.Range(1, lines.Length).Where(n => lines[n - 1].Trim().Length > 0), located);
        Assert.All(problems, p => Assert.StartsWith($"{path}:", p.Where));
        Assert.All(instances, i =>
        {
            Assert.InRange(i.Skills.Count, 1, FlaskJudge.MaxSkillsPerRequest);
            string[] ids = [.. i.Skills.Select(s => FlaskSkills.Catalog.Get(s).Id)];
            Assert.Equal(ids.Length, ids.Distinct().Count());
            Assert.All(i.Rubrics.Keys, r => Assert.Contains(FlaskSkills.Catalog.Get(r).Id, ids));
            Assert.Equal(i.Rubrics.Count, i.Rubrics.Keys.Select(r => FlaskSkills.Catalog.Get(r).Id).Distinct().Count()); // one judge request's rubrics
            Assert.True(IsValidText(i.Instruction) && IsValidText(i.Id) && (i.Reference is null || IsValidText(i.Reference)));
        });
        Assert.Equal(instances.Count, instances.Select(i => i.Id).Distinct().Count());
        Assert.True(instances.Count > 50 && problems.Count > 500, $"{instances.Count} read, {problems.Count} problems: the generator should make both");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Every_line_of_a_generated_responses_file_is_read_or_located(int seed)
    {
        var random = new Random(seed);
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, $"responses-{seed}.jsonl");
        string[] lines = [.. Enumerable.Range(1, 3000).Select(n => random.Next(25) == 0 ? "{\"question_id\": 1, \"te"
            : $"{{\"question_id\": {(random.Next(5) == 0 ? Value(random, () => "\"q\"") : n.ToString(System.Globalization.CultureInfo.InvariantCulture))}, \"text\": {(random.Next(5) == 0 ? Value(random, () => "\"t\"") : "\"fine\"")}}}")];
        File.WriteAllLines(path, lines, new UTF8Encoding(false));

        var (responses, problems) = FlaskDatasetReader.ReadResponses(path);

        Assert.Equal(lines.Length, responses.Count + problems.Count);
        Assert.Equal(problems.Count, problems.Select(p => p.Where).Distinct().Count());
        Assert.All(responses, r => Assert.True(IsValidText(r.Key) && IsValidText(r.Value)));
    }

    [Fact]
    public void Generated_names_are_literal_text_in_Markdown()
    {
        var random = new Random(11);
        const string alphabet = "ab <>&\"|\\`*_[]()#!~{}\n\r\u2028-.:/=";
        for (int i = 0; i < 5000; i++)
        {
            string name = new([.. Enumerable.Range(0, random.Next(1, 30)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            string escaped = MarkdownReport.Escape(name);

            Assert.DoesNotContain('<', escaped);
            Assert.DoesNotContain('>', escaped);
            Assert.DoesNotContain('\n', escaped);
            Assert.DoesNotContain('\r', escaped);
            Assert.DoesNotContain('\u2028', escaped);
            // Every Markdown-active character is escaped: strip escapes and entities, nothing active is left.
            string plain = System.Text.RegularExpressions.Regex.Replace(escaped, @"\\.|&(lt|gt|amp|quot);", "");
            Assert.DoesNotContain(plain, c => "|\\`*_[]()#!~{}&\"".Contains(c));
        }
    }

    /// <summary>
    /// Generated files mixing UTF-8 lines (multi-byte text, CRLF and LF, a BOM or none) with lines holding bytes that
    /// are not UTF-8: each bad line is a problem at its line naming the byte, never a text with U+FFFD in it; every
    /// good line reads back exactly. The same for data-set lines and for a YAML case file.
    /// </summary>
    [Fact]
    public void Bytes_that_are_not_UTF8_are_a_located_problem_and_never_replaced()
    {
        Directory.CreateDirectory(_work);
        byte[][] invalid = [[0xE9], [0xFF], [0xC0, 0xAF], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]];
        string[] texts = ["café crème", "naïve — “quoted”", "日本語のテキスト", "emoji 🙂 ok", "plain", "\u00e9 escaped"];
        for (int seed = 0; seed < 40; seed++)
        {
            var random = new Random(seed);
            var bytes = new List<byte>();
            if (random.Next(3) == 0)
                bytes.AddRange([0xEF, 0xBB, 0xBF]);
            var expected = new Dictionary<string, string>();
            var bad = new List<(int Line, byte Byte)>();
            int lines = random.Next(1, 30);
            for (int line = 1; line <= lines; line++)
            {
                string text = texts[random.Next(texts.Length)] + " " + line.ToString(System.Globalization.CultureInfo.InvariantCulture);
                byte[] head = Encoding.UTF8.GetBytes($"{{\"question_id\": {line}, \"text\": \"");
                byte[] body = Encoding.UTF8.GetBytes(text);
                bytes.AddRange(head);
                if (random.Next(4) == 0)
                {
                    byte[] wrong = invalid[random.Next(invalid.Length)];
                    int at = random.Next(body.Length + 1);
                    while (at < body.Length && (body[at] & 0xC0) == 0x80)
                        at++; // not inside a character: the bad bytes are the first wrong ones
                    bytes.AddRange(body[..at]);
                    bytes.AddRange(wrong);
                    bytes.AddRange(body[at..]);
                    bad.Add((line, wrong[0]));
                }
                else
                {
                    bytes.AddRange(body);
                    expected[line.ToString(System.Globalization.CultureInfo.InvariantCulture)] = text.Replace("\\u00e9", "\u00e9", StringComparison.Ordinal);
                }
                bytes.AddRange(Encoding.UTF8.GetBytes("\"}"));
                if (line < lines || random.Next(2) == 0)
                    bytes.AddRange(random.Next(2) == 0 ? [(byte)'\r', (byte)'\n'] : [(byte)'\n']);
            }
            string path = Path.Combine(_work.Path, $"bytes-{seed}.jsonl");
            File.WriteAllBytes(path, [.. bytes]);

            var (responses, problems) = FlaskDatasetReader.ReadResponses(path);

            Assert.Equal(expected.OrderBy(p => p.Key), responses.OrderBy(p => p.Key));
            Assert.DoesNotContain(responses.Values, v => v.Contains('\uFFFD', StringComparison.Ordinal));
            Assert.Equal(bad.Select(b => $"{path}:{b.Line}"), problems.Select(p => p.Where));
            Assert.All(problems.Zip(bad), pair => Assert.Contains($"not valid UTF-8 (byte 0x{pair.Second.Byte:X2}", pair.First.Reason, StringComparison.Ordinal));
        }

        string yaml = Path.Combine(_work.Path, "cases.yaml");
        File.WriteAllBytes(yaml, [.. Encoding.UTF8.GetBytes("- id: one\n  instruction: fine\n  skills: [Factuality]\n- id: two\n  instruction: caf"), 0xE9, .. "\n  skills: [Factuality]\n"u8.ToArray()]);
        var (instances, yamlProblems) = FlaskDatasetReader.ReadInstances(yaml, FlaskSkills.Catalog);
        Assert.Empty(instances);
        Assert.Equal($"{yaml}:5", Assert.Single(yamlProblems).Where);
        Assert.Contains("not valid UTF-8 (byte 0xE9 at column 19)", yamlProblems[0].Reason, StringComparison.Ordinal);
    }
}
