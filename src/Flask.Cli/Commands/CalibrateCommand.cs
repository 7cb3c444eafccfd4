using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Cli.Calibration;
using Flask.Cli.Rubrics;
using Flask.Testing;

namespace Flask.Cli.Commands;

/// <summary><c>dotnet flask calibrate</c>: how well the judge agrees with human scores, per skill.</summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var judge = new Option<FileInfo>("--judge") { Description = "The judge's results JSONL (dotnet flask bench output).", Required = true };
        var human = new Option<FileInfo>("--human") { Description = "Human scores, JSONL: {\"id\": \"12\", \"skill\": \"Factuality\", \"score\": 4} or {\"id\": \"12\", \"scores\": {\"Factuality\": 4}}.", Required = true };
        var rubrics = RubricCatalog.Option();
        var command = new Command("calibrate", "Agreement between judge and human scores per skill (Pearson, Spearman, Kendall tau-b): can this judge be trusted on this data?")
        {
            judge, human, rubrics,
        };
        command.SetAction((parse, _) => CliRunner.RunAsync(() =>
        {
            FileInfo judgeFile = parse.GetValue(judge)!, humanFile = parse.GetValue(human)!;
            foreach (FileInfo file in new[] { judgeFile, humanFile }.Where(f => !f.Exists))
                throw new CliException($"File not found: {file.FullName}");
            // The catalog resolves the human file's skill names (a team's own skills with --rubrics) and orders the table.
            SkillCatalog catalog = RubricCatalog.Load(parse, rubrics);
            var judged = new Dictionary<(string Id, string Skill), double>();
            foreach (ScoredResponse response in ResultsJson.ReadLines(judgeFile.FullName))
            {
                foreach (ScoredSkill skill in response.Skills.Where(s => s.Status == SkillScoreStatus.Scored && s.Score is not null))
                    judged[(response.Id, skill.Id)] = skill.Score!.Value;
            }
            var (humans, problems) = ReadHuman(humanFile.FullName, catalog);
            foreach (string problem in problems)
                Console.Error.WriteLine($"skipped {problem}");

            var pairs = humans.Where(h => judged.ContainsKey(h.Key)).GroupBy(h => h.Key.Skill).OrderBy(g => Flask.Testing.Analysis.FlaskAnalysis.SkillOrder(catalog, g.Key));
            CliRunner.Line("| Skill | Pairs | Pearson | Spearman | Kendall tau-b |");
            CliRunner.Line("| --- | ---: | ---: | ---: | ---: |");
            foreach (var skill in pairs)
            {
                Agreement agreement = Agreement.Of(skill.Key, [.. skill.Select(p => judged[p.Key])], [.. skill.Select(p => p.Value)]);
                CliRunner.Line($"| {catalog.Find(skill.Key)?.Name ?? skill.Key} | {agreement.Pairs} | {F(agreement.Pearson)} | {F(agreement.Spearman)} | {F(agreement.KendallTau)} |");
            }
            int unmatched = humans.Count(h => !judged.ContainsKey(h.Key));
            if (unmatched > 0)
                CliRunner.Line($"{unmatched} human score(s) had no judge score for the same instance and skill.");
            CliRunner.Line("Correlations need at least 3 pairs and some spread in both; '–' means not enough to say.");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static string F(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "–";

    private static (Dictionary<(string Id, string Skill), double> Scores, List<string> Problems) ReadHuman(string path, SkillCatalog catalog)
    {
        var scores = new Dictionary<(string, string), double>();
        var problems = new List<string>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
                continue;
            try
            {
                using JsonDocument json = JsonDocument.Parse(line);
                JsonElement item = json.RootElement;
                JsonElement idElement = item.GetProperty("id");
                string id = idElement.ValueKind == JsonValueKind.Number ? idElement.GetRawText() : idElement.GetString()!;
                IEnumerable<(string Skill, double Score)> given = item.TryGetProperty("scores", out JsonElement many)
                    ? many.EnumerateObject().Select(p => (p.Name, p.Value.GetDouble()))
                    : [(item.GetProperty("skill").GetString()!, item.GetProperty("score").GetDouble())];
                foreach (var (skill, score) in given)
                {
                    if (catalog.Find(skill) is not { } known)
                        problems.Add($"{path}:{number}: unknown skill '{skill}'");
                    else
                        scores[(id, known.Id)] = score;
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                problems.Add($"{path}:{number}: {e.Message}");
            }
        }
        return (scores, problems);
    }
}
