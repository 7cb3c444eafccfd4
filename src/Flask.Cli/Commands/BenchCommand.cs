using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flask.Cli.Bench;
using Flask.Testing;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace Flask.Cli.Commands;

/// <summary><c>flask bench</c>: judge a model's responses on a FLASK-format dataset.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var dataset = new Option<FileInfo>("--dataset") { Description = "FLASK-format JSONL instructions (e.g. ../shared/flask/evaluation_set/flask_evaluation.jsonl).", Required = true };
        var responses = new Option<FileInfo?>("--responses") { Description = "Stored responses, JSONL with question_id and text (e.g. a file of ../shared/flask/model_outputs/)." };
        var modelEndpoint = new Option<string?>("--model-endpoint") { Description = "Produce responses live from this OpenAI-compatible endpoint instead of --responses (key: FLASK_MODEL_API_KEY)." };
        var model = new Option<string?>("--model") { Description = "The name of the model judged (default: the --responses file name); with --model-endpoint, the model to ask." };
        var output = new Option<FileInfo>("--out") { Description = "Results JSONL, one judged instance per line, appended as each completes.", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "Judge calls in flight at once.", DefaultValueFactory = _ => 8 };
        var limit = new Option<int>("--limit") { Description = "Judge at most N instances (after the filters)." };
        var resume = new Option<bool>("--resume") { Description = "Keep the results already in --out and judge only what is missing." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count the judge calls and estimate tokens; call nothing." };
        var skills = new Option<string[]>("--skill") { Description = "Only instances annotated with this skill (repeatable).", AllowMultipleArgumentsPerToken = true };
        var domains = new Option<string[]>("--domain") { Description = "Only instances of this FLASK domain (repeatable).", AllowMultipleArgumentsPerToken = true };
        var difficulties = new Option<string[]>("--difficulty") { Description = "Only this difficulty: 1-5 or a FLASK label (repeatable).", AllowMultipleArgumentsPerToken = true };
        var hard = new Option<bool>("--hard") { Description = "Only expert-level instances, the FLASK-HARD difficulty." };
        var shard = new Option<string?>("--shard") { Description = "Only shard i of n (as i/n), to split a run across machines; merge with flask report." };
        var judge = new CliJudge();

        var command = new Command("bench", "Judge a model on a FLASK-format dataset: one judge call per instance with its annotated skills and reference answer.")
        {
            dataset, responses, modelEndpoint, model, output, concurrency, limit, resume, dryRun, skills, domains, difficulties, hard, shard,
        };
        judge.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            FileInfo responsesFile = parse.GetValue(responses)!;
            string? endpoint = parse.GetValue(modelEndpoint);
            if ((responsesFile is null) == (endpoint is null))
                throw new CliException("Give either --responses (stored responses) or --model-endpoint with --model (live responses).");
            if (parse.GetValue(concurrency) < 1)
                throw new CliException("--concurrency must be at least 1.");

            var problems = new List<DataProblem>();
            var (instances, datasetProblems) = FlaskDatasetReader.ReadInstances(Existing(parse.GetValue(dataset)!), FlaskSkills.Catalog);
            problems.AddRange(datasetProblems);
            var filter = new BenchFilter(parse.GetValue(skills) ?? [], parse.GetValue(domains) ?? [], parse.GetValue(difficulties) ?? [],
                parse.GetValue(hard), BenchFilter.ParseShard(parse.GetValue(shard)), parse.GetValue(limit));
            FlaskInstance[] selected = [.. filter.Apply(instances, FlaskSkills.Catalog)];

            string modelName = parse.GetValue(model) ?? (responsesFile is not null ? Path.GetFileNameWithoutExtension(responsesFile.Name) : throw new CliException("--model-endpoint needs --model."));
            IReadOnlyDictionary<string, string> stored = new Dictionary<string, string>();
            if (responsesFile is not null)
            {
                var (read, responseProblems) = FlaskDatasetReader.ReadResponses(Existing(responsesFile));
                stored = read;
                problems.AddRange(responseProblems);
            }

            string outPath = parse.GetValue(output)!.FullName;
            bool droppedPartial = false;
            HashSet<string> done = parse.GetValue(resume) ? ResultsFile.CompletedIds(outPath, out droppedPartial) : [];
            FlaskInstance[] todo = [.. selected.Where(i => !done.Contains(i.Id))];

            foreach (DataProblem problem in problems)
                Console.Error.WriteLine($"skipped {problem}");
            if (droppedPartial)
                Console.Error.WriteLine($"{outPath}: dropped a half-written last line left by an interrupted run.");

            if (parse.GetValue(dryRun))
            {
                // Live responses do not exist yet: their prompts are estimated without them.
                var work = responsesFile is null
                    ? todo.Select(i => (i, string.Empty))
                    : todo.Where(i => stored.ContainsKey(i.Id)).Select(i => (i, stored[i.Id]));
                var (calls, inputTokens, maxOutput) = DryRun.Estimate(work, FlaskSkills.Catalog, new FlaskJudgeOptions().MaxOutputTokens);
                CliRunner.Line($"Dry run: {calls} judge calls ({selected.Length} selected, {done.Count} already done, {todo.Length - calls} without a response), " +
                               $"about {inputTokens:N0} prompt tokens (cl100k) and at most {maxOutput:N0} output tokens. Nothing was called.");
                return 0;
            }

            FlaskJudgeSettings settings = judge.Settings(parse);
            settings = settings with { Resilience = settings.Resilience with { MaxConcurrency = Math.Max(settings.Resilience.MaxConcurrency, parse.GetValue(concurrency)) } };
            var flaskJudge = new FlaskJudge(CliJudge.Create(settings), settings.Judge);

            BenchRunner.ResponseSource source = responsesFile is not null
                ? (instance, _) => Task.FromResult(stored.TryGetValue(instance.Id, out string? text) ? text : null)
                : LiveResponses(endpoint!, modelName, settings.Resilience);

            // Every judge call is async I/O, but its continuations arrive in bursts; on a 2-core machine the thread pool
            // would otherwise add threads slowly and leave judge slots idle (measured: docs/performance.md).
            ThreadPool.GetMinThreads(out int workers, out int io);
            ThreadPool.SetMinThreads(Math.Max(workers, parse.GetValue(concurrency) * 2), io);

            var stats = new BenchStats(todo.Length);
            using (ResultsFile results = ResultsFile.Open(outPath, append: parse.GetValue(resume)))
            {
                var runner = new BenchRunner(flaskJudge, FlaskSkills.Catalog, results, stats);
                await ShowProgressAsync(stats, () => runner.RunAsync(todo, source, modelName, parse.GetValue(concurrency), cancellationToken));
            }

            CliRunner.Line($"Done: {stats.Line()}; {stats.Clock.Elapsed.TotalSeconds:0.00} s. Results: {outPath}");
            int skipped = stats.Skipped.Values.Sum() + problems.Count;
            if (skipped > 0)
            {
                CliRunner.Line($"Skipped {skipped}:");
                foreach (var group in problems.GroupBy(p => p.Reason.Split(':')[0]).Select(g => (g.Key, g.Count())).Concat(stats.Skipped.Select(s => (s.Key, s.Value))))
                    CliRunner.Line($"  {group.Item2} × {group.Item1}");
            }
            if (done.Count > 0)
                CliRunner.Line($"Resumed: {done.Count} result(s) were already in the output and were not judged again.");
            return 0;
        }));
        return command;
    }

    private static string Existing(FileInfo file) => file.Exists ? file.FullName : throw new CliException($"File not found: {file.FullName}");

    private static BenchRunner.ResponseSource LiveResponses(string endpoint, string model, JudgeResilienceOptions resilience)
    {
        IChatClient client = FlaskJudgeClient.OpenAICompatible(
            new JudgeEndpoint(new Uri(endpoint), model, Environment.GetEnvironmentVariable("FLASK_MODEL_API_KEY")), resilience);
        return async (instance, ct) => (await client.GetResponseAsync(instance.Instruction, cancellationToken: ct).ConfigureAwait(false)).Text;
    }

    /// <summary>A live progress bar on a terminal; a line every few seconds when output is redirected (CI logs).</summary>
    private static async Task ShowProgressAsync(BenchStats stats, Func<Task> run)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            Task work = run();
            while (await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(5))) != work)
                Console.WriteLine(stats.Line());
            await work;
            return;
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask bar = context.AddTask(Markup.Escape(stats.Line()), maxValue: Math.Max(1, stats.Total));
                Task work = run();
                while (await Task.WhenAny(work, Task.Delay(250)) != work)
                {
                    bar.Value = stats.Done;
                    bar.Description = Markup.Escape(stats.Line());
                }
                await work;
                bar.Value = stats.Done;
                bar.Description = Markup.Escape(stats.Line());
            });
    }
}
