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
            List<ScoredResponse> judgeResults = [.. ResultsJson.ReadLines(judgeFile.FullName)];
            if (judgeResults.Count == 0)
                throw new CliException($"Nothing to calibrate: {judgeFile.FullName} holds no result. Give the results JSONL of a judged run.");
            foreach (ScoredResponse response in judgeResults)
            {
                foreach (ScoredSkill skill in response.Skills.Where(s => s.Status == SkillScoreStatus.Scored && s.Score is not null))
                    judged[(response.Id, skill.Id)] = skill.Score!.Value;
            }
            var (humans, problems) = ReadHuman(humanFile.FullName, catalog);
            foreach (string problem in problems)
                Console.Error.WriteLine($"skipped {problem}");

            var pairs = humans.Where(h => judged.ContainsKey(h.Key)).GroupBy(h => h.Key.Skill).OrderBy(g => Flask.Testing.Analysis.FlaskAnalysis.SkillOrder(catalog, g.Key)).ToList();
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
            if (pairs.Count == 0)
                Console.Error.WriteLine("dotnet flask: no human score pairs with a judge score (same instance id and skill): nothing was calibrated.");
            // Skipped lines and a table of nothing are "something was not judged" (docs/cli.md), never exit 0.
            return Task.FromResult(problems.Count > 0 || pairs.Count == 0 ? CliRunner.NotJudged : CliRunner.Success);
        }));
        return command;
    }

    private static string F(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "–";

    private static (Dictionary<(string Id, string Skill), double> Scores, List<string> Problems) ReadHuman(string path, SkillCatalog catalog)
    {
        var scores = new Dictionary<(string, string), double>();
        var lineOf = new Dictionary<(string, string), int>();
        var problems = new List<string>();
        foreach (var (number, line, notUtf8) in Utf8Lines.Read(path))
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"{path}:{number}");
            if (notUtf8 is not null)
            {
                problems.Add($"{where}: {notUtf8}");
                continue;
            }
            if (line!.Trim().Length == 0)
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
                        problems.Add(ClosestMatch.Find(skill, catalog.Select(s => s.Name)) is { } near
                            ? $"{where}: unknown skill '{skill}' (did you mean '{near}'?)"
                            : $"{where}: unknown skill '{skill}'");
                    else if (score is < ScoringRubric.MinScore or > ScoringRubric.MaxScore || double.IsNaN(score))
                        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: score {score} for '{skill}' is outside FLASK's 1 to 5"));
                    else if (lineOf.TryGetValue((id, known.Id), out int first))
                        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: a second human score for instance {id}, skill '{known.Name}' (line {first} is kept)"));
                    else
                    {
                        scores[(id, known.Id)] = score;
                        lineOf[(id, known.Id)] = number;
                    }
                }
            }
            catch (JsonException)
            {
                problems.Add($"{where}: malformed JSON: a line is {{\"id\": \"12\", \"skill\": \"Factuality\", \"score\": 4}} or {{\"id\": \"12\", \"scores\": {{\"Factuality\": 4}}}}");
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                problems.Add($"{where}: needs 'id' and 'skill' with a numeric 'score' (or 'scores': {{skill: score}})");
            }
        }
        return (scores, problems);
    }
}
