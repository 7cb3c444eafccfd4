using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Flask.Cli.Annotation;
using Flask.Cli.Json;
using Flask.Cli.Rubrics;
using Flask.Testing;

namespace Flask.Cli.Commands;

/// <summary><c>dotnet flask annotate</c>: FLASK's skill, domain and difficulty annotation of a team's own instructions.</summary>
internal static class AnnotateCommand
{
    public static Command Create()
    {
        var dataset = new Option<FileInfo>("--dataset") { Description = "JSONL with at least instruction (and optionally idx, answer).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The annotated dataset, in FLASK's format (skill, domain, difficulty added).", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "Instructions annotated at once.", DefaultValueFactory = _ => 4 };
        var rubrics = RubricCatalog.Option();
        var judge = new CliJudge();
        var command = new Command("annotate", "Label instructions with FLASK's metadata using FLASK's annotation prompts: the 3 primary skills, the domain and the difficulty.")
        {
            dataset, output, concurrency, rubrics,
        };
        judge.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            FileInfo input = parse.GetValue(dataset)!;
            if (!input.Exists)
                throw new CliException($"File not found: {input.FullName}");
            // The skills the judge chooses from: FLASK's 12, and a team's own with --rubrics.
            SkillCatalog catalog = RubricCatalog.Load(parse, rubrics);
            var (instances, problems) = FlaskDatasetReader.ReadInstances(input.FullName);
            foreach (DataProblem problem in problems)
                Console.Error.WriteLine($"skipped {problem}");
            var annotator = new Annotator(CliJudge.Create(judge.Settings(parse).Judge), catalog);
            var annotated = new FlaskInstance[instances.Count];
            await Parallel.ForAsync(0, instances.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parse.GetValue(concurrency)), CancellationToken = cancellationToken },
                async (i, ct) => annotated[i] = await annotator.AnnotateAsync(instances[i], ct));

            string path = parse.GetValue(output)!.FullName;
            await File.WriteAllLinesAsync(path, annotated.Select(i => CliJson.Serialize(
                new AnnotatedInstanceLine(i.Id, i.Instruction, i.Reference, i.Skills, i.Domains, i.Difficulty), CliJson.Line)), new UTF8Encoding(false), cancellationToken);
            FlaskInstance[] incomplete = [.. annotated.Where(i => i.Skills.Count == 0 || i.Domains.Count == 0 || i.Difficulty is null)];
            CliRunner.Line($"Annotated {annotated.Length} instruction(s) into {path}.");
            if (incomplete.Length > 0)
            {
                // Not annotated is not judged: exit 1, with what is missing where, as bench counts its skips.
                string Missing(FlaskInstance i) => string.Join(", ", new[] { i.Skills.Count == 0 ? "skills" : null, i.Domains.Count == 0 ? "domain" : null, i.Difficulty is null ? "difficulty" : null }.OfType<string>());
                CliRunner.Line(FormattableString.Invariant($"Not annotated: {incomplete.Length} instruction(s) lack a label the judge's answer did not give (left empty): ") +
                    string.Join("; ", incomplete.Take(10).Select(i => $"idx {i.Id}: {Missing(i)}")) + (incomplete.Length > 10 ? "; …" : string.Empty) + ".");
            }
            return problems.Count > 0 || incomplete.Length > 0 ? CliRunner.NotJudged : CliRunner.Success;
        }));
        return command;
    }
}
