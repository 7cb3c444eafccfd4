using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The JSONL data-set reader was made cheaper (no copy of each parsed line, no LINQ in the skill checks): on generated
/// files of every shape (fixed seeds) and on FLASK's own files it reads exactly the instances and problems its previous
/// definition, kept in <see cref="PreviousDatasetReader"/>, read.
/// </summary>
public sealed class DatasetReaderPreviousDefinitionTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-dataset-previous");

    public void Dispose() => _work.Dispose();

    private static readonly string[] SkillNames =
    [
        .. FlaskSkills.Catalog.Select(s => s.Name), .. FlaskSkills.Catalog.Select(s => s.Id),
        .. FlaskSkills.Catalog.SelectMany(s => s.Aliases),
        "factuality", "FACTUALITY", "logical_robustness", "logical-correctness", " Readability ", "Factualty", "Logical Robustnes",
        "Charm", "", "  ", "caf\\u00e9", "lone \\ud800",
    ];

    private static readonly string[] Texts =
    [
        "\"Question\"", "\"caf\u00e9 cr\u00e8me\"", "\"caf\\u00e9 \\\"quoted\\\"\\nline\"", "\"emoji \\ud83d\\ude00 \ud83d\ude42\"",
        "\"\"", "\"   \"", "\"\\t\"", "\"-1\"", "\"7\"", "\"\u65e5\u672c\u8a9e\"",
    ];

    /// <summary>Texts whose escapes are not valid UTF-16: each is a problem naming its field.</summary>
    private static readonly string[] LoneSurrogates = ["\"lone \\ud800 surrogate\"", "\"lone \\udc00 low\"", "\"\\ud83d\""];

    private static readonly string[] Numbers = ["-1", "0", "7", "-0", "1e3", "1.50", "3.5", "-1.0", "12345678901234567890", "2E-2"];

    private static readonly string[] Difficulties =
    [
        "\"expert level knowledge\"", "\"simple lifestyle knowledge\"", "\"formal education knowledge\"", "\"-1\"", "-1", "-1.0", "3",
    ];

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    /// <summary>Any JSON value, mostly of a wrong type for the field it lands in.</summary>
    private static string Value(Random random, Func<string> right) => random.Next(12) switch
    {
        0 => "null",
        1 => Pick(random, Numbers),
        2 => "[1, \"a\", null]",
        3 => "{\"x\": 1}",
        4 => random.Next(2) == 0 ? "true" : "false",
        5 => Pick(random, LoneSurrogates),
        6 => "[]",
        _ => right(),
    };

    private static string Name(Random random) => $"\"{Pick(random, SkillNames)}\"";

    /// <summary>A skill name as a rubric key: the previous definition threw on a key with a lone surrogate (tested apart).</summary>
    private static string Key(Random random) => Name(random) is var name && name.Contains("\\ud800", StringComparison.Ordinal) ? "\"Charm\"" : name;

    private static string List(Random random, int max, Func<string> item) =>
        "[" + string.Join(", ", Enumerable.Range(0, random.Next(max)).Select(_ => item())) + "]";

    private static string Skills(Random random) => random.Next(8) switch
    {
        0 => Value(random, () => Name(random)),
        1 => List(random, 16, () => Name(random)),
        _ => List(random, 5, () => random.Next(15) == 0 ? Value(random, () => Name(random)) : Name(random)),
    };

    private static string Domains(Random random) => random.Next(5) switch
    {
        0 => Value(random, () => "\"Coding\""),
        _ => List(random, 4, () => Pick(random, (string[])["\"Coding\"", "\"-1\"", "-1", "\"Math\"", "-1.0", "\"Humanities\"", "null", "[]"])),
    };

    private static string Scoring(Random random)
    {
        var levels = new List<string>();
        foreach (string level in (string[])["1", "2", "3", "4", "5"])
        {
            int shape = random.Next(14);
            if (shape == 0)
                continue; // a level missing
            levels.Add($"\"{level}\": " + shape switch { 1 => Value(random, () => "\"  \""), 2 => "\"\"", 3 => Pick(random, Texts), _ => $"\"level {level}\"" });
        }
        if (random.Next(6) == 0)
            levels.Add("\"6\": \"extra\"");
        return "{" + string.Join(", ", levels.OrderBy(_ => random.Next())) + "}";
    }

    private static string Rubric(Random random)
    {
        var parts = new List<string>();
        if (random.Next(3) > 0)
            parts.Add("\"checklist\": " + (random.Next(5) == 0 ? Value(random, () => "[\"a\"]") : List(random, 4, () => random.Next(10) == 0 ? Value(random, () => "\"c\"") : Pick(random, Texts))));
        if (random.Next(2) == 0)
            parts.Add("\"scoring\": " + (random.Next(6) == 0 ? Value(random, () => "{}") : Scoring(random)));
        if (random.Next(8) == 0)
            parts.Add("\"note\": 1");
        return "{" + string.Join(", ", parts) + "}";
    }

    private static string Rubrics(Random random) => random.Next(6) switch
    {
        0 => Value(random, () => "{}"),
        // A key twice in the JSON object itself, as well as two spellings of one skill.
        1 => $"{{\"Factuality\": {Rubric(random)}, \"Factuality\": {Rubric(random)}}}",
        _ => "{" + string.Join(", ", Enumerable.Range(0, random.Next(4)).Select(_ => $"{Key(random)}: {(random.Next(8) == 0 ? Value(random, () => "{}") : Rubric(random))}")) + "}",
    };

    private static string Id(Random random) => random.Next(4) switch
    {
        0 => Value(random, () => $"\"{random.Next(300)}\""),
        // A small range: duplicate ids, and the number 7 against the text "7".
        _ => random.Next(300).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// An instance that mostly can make a judge call: distinct FLASK skills written various ways, and rubrics for some of
    /// them — sometimes one skill twice under two spellings, or a skill the instance does not judge.
    /// </summary>
    private static string CoherentLine(Random random, int number)
    {
        Skill[] skills = [.. FlaskSkills.Catalog.OrderBy(_ => random.Next()).Take(random.Next(1, 5))];
        string Spelling(Skill skill) => random.Next(4) switch { 0 => skill.Id, 1 => skill.Name.ToUpperInvariant(), _ => skill.Name };
        var rubrics = new List<string>();
        foreach (Skill skill in skills.Where(_ => random.Next(3) == 0))
            rubrics.Add($"\"{Spelling(skill)}\": {Rubric(random)}");
        if (random.Next(4) == 0)
            rubrics.Add($"\"{Spelling(random.Next(2) == 0 ? skills[0] : Pick(random, [.. FlaskSkills.Catalog]))}\": {Rubric(random)}");
        var fields = new List<string>
        {
            $"\"idx\": {(random.Next(10) == 0 ? random.Next(300) : number).ToString(CultureInfo.InvariantCulture)}",
            $"\"instruction\": {Pick(random, Texts)}",
            $"\"skill\": [{string.Join(", ", skills.Select(s => $"\"{Spelling(s)}\""))}]",
            $"\"domain\": {Domains(random)}",
            $"\"difficulty\": {Pick(random, Difficulties)}",
        };
        if (random.Next(2) == 0)
            fields.Add($"\"answer\": {Pick(random, Texts)}");
        if (random.Next(3) == 0)
            fields.Add("\"task\": \"math_qa\"");
        if (rubrics.Count > 0)
            fields.Add($"\"rubric\": {{{string.Join(", ", rubrics.OrderBy(_ => random.Next()))}}}");
        if (random.Next(4) == 0)
            fields.Add($"\"min_score\": {Pick(random, Numbers)}");
        return "{" + string.Join(", ", fields.OrderBy(_ => random.Next())) + "}";
    }

    private static string InstanceLine(Random random)
    {
        var fields = new List<string>();
        void Maybe(int outOf, string name, Func<string> value)
        {
            if (random.Next(outOf) == 0)
                fields.Add($"\"{name}\": {value()}");
        }
        Maybe(random.Next(2) == 0 ? 1 : 20, "idx", () => Id(random));
        Maybe(6, "id", () => Id(random));
        Maybe(1, "instruction", () => random.Next(4) == 0 ? Value(random, () => "\"Q\"") : Pick(random, Texts));
        Maybe(2, "answer", () => Value(random, () => Pick(random, Texts)));
        Maybe(6, "reference", () => Value(random, () => Pick(random, Texts)));
        Maybe(1, random.Next(4) == 0 ? "skills" : "skill", () => Skills(random));
        Maybe(8, "skills", () => Skills(random));
        Maybe(2, random.Next(4) == 0 ? "domains" : "domain", () => Domains(random));
        Maybe(2, "difficulty", () => random.Next(4) == 0 ? Value(random, () => "null") : Pick(random, Difficulties));
        Maybe(3, "task", () => Value(random, () => "\"math_qa\""));
        Maybe(3, "rubric", () => Rubrics(random));
        Maybe(5, "min_score", () => Value(random, () => Pick(random, Numbers)));
        Maybe(10, "extra", () => Value(random, () => "{\"deep\": [1, {\"x\": null}]}"));
        if (random.Next(12) == 0 && fields.Count > 0)
            fields.Add(fields[random.Next(fields.Count)]); // a field twice: JSON allows it
        return "{" + string.Join(random.Next(3) == 0 ? "," : ", ", fields.OrderBy(_ => random.Next())) + "}";
    }

    private static byte[] LineBytes(Random random, int number)
    {
        string line = random.Next(50) switch
        {
            0 => Pick(random, (string[])["", " ", "\t", "\u00A0", "\u3000 \t", "\u200B", "\u0085"]),
            1 => Pick(random, (string[])["{\"idx\": 1, \"instruction\": \"cut", "[1, 2]", "7", "\"text\"", "null", "{\"a\": 1,}", "// note", "{}", "{\"idx\": 1} {}", "\uFEFF{\"instruction\": \"q\"}"]),
            2 => new string('[', 70) + new string(']', 70),
            3 => "{\"instruction\": \"q\", \"x\": " + new string('[', 66) + new string(']', 66) + "}",
            < 25 => CoherentLine(random, number),
            _ => InstanceLine(random),
        };
        if (random.Next(4) == 0)
            line = " " + line + "\t";
        byte[] bytes = Encoding.UTF8.GetBytes(line);
        if (random.Next(30) == 0 && bytes.Length > 0)
        {
            byte[] wrong = Pick(random, (byte[][])[[0xE9], [0xFF], [0xC0, 0xAF], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80]]);
            int at = random.Next(bytes.Length + 1);
            while (at < bytes.Length && (bytes[at] & 0xC0) == 0x80)
                at++;
            bytes = [.. bytes[..at], .. wrong, .. bytes[at..]];
        }
        return bytes;
    }

    private string Generated(int seed, int lines)
    {
        var random = new Random(seed);
        var file = new List<byte>();
        if (random.Next(3) == 0)
            file.AddRange([0xEF, 0xBB, 0xBF]);
        for (int i = 0; i < lines; i++)
        {
            file.AddRange(LineBytes(random, i + 1));
            if (i < lines - 1 || random.Next(2) == 0)
                file.AddRange(random.Next(3) == 0 ? [(byte)'\r', (byte)'\n'] : [(byte)'\n']);
        }
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, $"set-{seed}.jsonl");
        File.WriteAllBytes(path, [.. file]);
        return path;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_generated_data_set_reads_as_with_the_previous_definition(int seed)
    {
        string path = Generated(seed, 4000);

        int read = 0, refused = 0;
        foreach (var (catalog, testAddsSkills) in new (SkillCatalog?, bool)[] { (FlaskSkills.Catalog, false), (FlaskSkills.Catalog, true), (null, false) })
        {
            var expected = PreviousDatasetReader.ReadInstances(path, catalog, testAddsSkills);
            var actual = FlaskDatasetReader.ReadInstances(path, catalog, testAddsSkills);
            AssertSame(expected, actual);
            read += actual.Instances.Count;
            refused += actual.Problems.Count;
        }
        AssertSameResponses(PreviousDatasetReader.ReadResponses(path), FlaskDatasetReader.ReadResponses(path));
        // The generator must make both kinds in numbers, or the comparison says little.
        Assert.True(read > 500 && refused > 3000, $"{read} read, {refused} problems: the generator should make both");
    }

    [Fact]
    public void A_generated_responses_file_reads_as_with_the_previous_definition()
    {
        var random = new Random(17);
        string[] lines = [.. Enumerable.Range(1, 4000).Select(n => random.Next(20) switch
        {
            0 => "",
            1 => "{\"question_id\": 1, \"te",
            _ => "{" + string.Join(", ", new[]
            {
                random.Next(6) == 0 ? "" : $"\"{(random.Next(4) == 0 ? "id" : "question_id")}\": {Id(random)}",
                random.Next(8) == 0 ? "" : $"\"text\": {Value(random, () => Pick(random, Texts))}",
            }.Where(f => f.Length > 0)) + "}",
        })];
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, "responses.jsonl");
        File.WriteAllLines(path, lines, new UTF8Encoding(false));

        AssertSameResponses(PreviousDatasetReader.ReadResponses(path), FlaskDatasetReader.ReadResponses(path));
    }

    [Fact]
    public void FLASKs_own_files_read_as_with_the_previous_definition()
    {
        string shared = RepoPaths.SharedFlaskOrSkip();
        foreach (string set in (string[])["flask_evaluation.jsonl", "flask_hard_evaluation.jsonl"])
        {
            string path = Path.Combine(shared, "evaluation_set", set);
            var actual = FlaskDatasetReader.ReadInstances(path, FlaskSkills.Catalog);
            AssertSame(PreviousDatasetReader.ReadInstances(path, FlaskSkills.Catalog), actual);
            Assert.NotEmpty(actual.Instances);
        }
        foreach (string path in Directory.GetFiles(Path.Combine(shared, "model_outputs"), "*.jsonl").Order(StringComparer.Ordinal).Take(3))
            AssertSameResponses(PreviousDatasetReader.ReadResponses(path), FlaskDatasetReader.ReadResponses(path));
    }

    private static void AssertSame(
        (IReadOnlyList<FlaskInstance> Instances, IReadOnlyList<DataProblem> Problems) expected,
        (IReadOnlyList<FlaskInstance> Instances, IReadOnlyList<DataProblem> Problems) actual)
    {
        Assert.Equal(expected.Problems, actual.Problems);
        Assert.Equal(expected.Instances.Count, actual.Instances.Count);
        foreach (var (e, a) in expected.Instances.Zip(actual.Instances))
        {
            Assert.Equal(e.Source, a.Source);
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.Instruction, a.Instruction);
            Assert.Equal(e.Reference, a.Reference);
            Assert.Equal(e.Skills, a.Skills);
            Assert.Equal(e.Domains, a.Domains);
            Assert.Equal(e.Difficulty, a.Difficulty);
            Assert.Equal(e.Task, a.Task);
            Assert.Equal(e.MinScore, a.MinScore);
            Assert.Equal(e.Rubrics.Keys, a.Rubrics.Keys);
            foreach (string skill in e.Rubrics.Keys)
            {
                InstanceRubric er = e.Rubrics[skill], ar = a.Rubrics[skill];
                Assert.Equal(er.Checklist, ar.Checklist);
                Assert.Equal(er.Scoring is null, ar.Scoring is null);
                if (er.Scoring is not null)
                    Assert.Equal<ScoreLevel>(er.Scoring, ar.Scoring!);
            }
        }
    }

    private static void AssertSameResponses(
        (IReadOnlyDictionary<string, string> Responses, IReadOnlyList<DataProblem> Problems) expected,
        (IReadOnlyDictionary<string, string> Responses, IReadOnlyList<DataProblem> Problems) actual)
    {
        Assert.Equal(expected.Problems, actual.Problems);
        Assert.Equal(expected.Responses, actual.Responses);
        Assert.Equal(expected.Responses.Keys, actual.Responses.Keys);
    }
}
