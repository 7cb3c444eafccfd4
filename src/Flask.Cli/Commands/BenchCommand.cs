using System;
using System.Collections.Generic;
using System.Globalization;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flask.Cli.Bench;
using Flask.Cli.Rubrics;
using Flask.Cli.History;
using Flask.Testing;
using Flask.Testing.Pricing;
using Flask.Testing.Results;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace Flask.Cli.Commands;

/// <summary><c>dotnet flask bench</c>: judge a model's responses on a FLASK-format dataset.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var dataset = new Option<FileInfo>("--dataset") { Description = "The instructions: FLASK-format JSONL (e.g. ../shared/flask/evaluation_set/flask_evaluation.jsonl) or the YAML case format (.yaml, .yml) of [FlaskData].", Required = true };
        var responses = new Option<FileInfo?>("--responses") { Description = "Stored responses, JSONL with question_id and text (e.g. a file of ../shared/flask/model_outputs/)." };
        var modelEndpoint = new Option<string?>("--model-endpoint") { Description = "Produce responses live from this OpenAI-compatible endpoint instead of --responses (key: FLASK_MODEL_API_KEY)." };
        var model = new Option<string?>("--model") { Description = "The name of the model judged (default: the --responses file name); with --model-endpoint, the model to ask." };
        var output = new Option<FileInfo>("--out") { Description = "Results JSONL, one judged instance per line, appended as each completes.", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "Judge calls in flight at once.", DefaultValueFactory = _ => 8 };
        var limit = new Option<int?>("--limit") { Description = "Judge at most N instances (after the filters); N >= 1." };
        var resume = new Option<bool>("--resume") { Description = "Keep the results already in --out and judge only what is missing (and results with judge errors, unless --keep-judge-errors)." };
        var keepJudgeErrors = new Option<bool>("--keep-judge-errors") { Description = "With --resume: keep results that have judge errors instead of asking the judge again." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an --out that already holds results (without it, such a file is refused unless --resume)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count the judge calls and estimate tokens; call nothing, write nothing." };
        var skills = new Option<string[]>("--skill") { Description = "Only instances annotated with this skill (repeatable).", AllowMultipleArgumentsPerToken = true };
        var domains = new Option<string[]>("--domain") { Description = "Only instances of this FLASK domain (repeatable).", AllowMultipleArgumentsPerToken = true };
        var difficulties = new Option<string[]>("--difficulty") { Description = "Only this difficulty: 1-5 or a FLASK label (repeatable).", AllowMultipleArgumentsPerToken = true };
        var hard = new Option<bool>("--hard") { Description = "Only expert-level instances (difficulty 5: 186 of FLASK's main set). FLASK-HARD's 89 are a subset of them: to judge exactly those, pass flask_hard_evaluation.jsonl as --dataset." };
        var idMap = new Option<FileInfo?>("--id-map") { Description = "The data set whose ids --responses uses (e.g. flask_evaluation.jsonl for FLASK-HARD): instances are paired with its ids through their instruction text." };
        var shard = new Option<string?>("--shard") { Description = "Only shard i of n (as i/n), to split a run across machines; merge with dotnet flask report." };
        var rubrics = RubricCatalog.Option();
        var prices = CliPrices.Option();
        var store = CliStore.Option();
        var judge = new CliJudge();

        var command = new Command("bench", "Judge a model on a FLASK-format dataset: one judge call per instance with its annotated skills and reference answer.")
        {
            dataset, responses, modelEndpoint, model, output, concurrency, limit, resume, keepJudgeErrors, overwrite, dryRun, skills, domains, difficulties, hard, idMap, shard, rubrics, prices, store,
        };
        judge.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            FileInfo responsesFile = parse.GetValue(responses)!;
            string? endpoint = parse.GetValue(modelEndpoint);
            if ((responsesFile is null) == (endpoint is null))
                throw new CliException("Give either --responses (stored responses) or --model-endpoint with --model (live responses).");
            int slots = parse.GetValue(concurrency);
            if (slots < 1)
                throw new CliException($"--concurrency must be at least 1, not {slots}.");
            if (parse.GetValue(limit) is < 1 and var badLimit)
                throw new CliException($"--limit must be at least 1, not {badLimit}; leave it out to judge every selected instance.");
            string modelName = parse.GetValue(model) ?? (responsesFile is not null ? Path.GetFileNameWithoutExtension(responsesFile.Name) : throw new CliException("--model-endpoint needs --model."));
            bool isResume = parse.GetValue(resume), isDryRun = parse.GetValue(dryRun);
            // The settings and the judge client do not depend on the data: they are built on another core while the data
            // set and the responses are read (loading the client's HTTP, resilience and OpenAI code is a visible part of
            // a run's start, docs/performance.md). Each is awaited where it was built in turn, so its errors come in the
            // same order as before: after the data's.
            SettingOverride[] overrides = judge.Overrides(parse, CliPrices.Override(parse, prices), CliStore.Override(parse, store));
            Task<FlaskSettings> settingsRead = Task.Run(() => CliSettings.Read(overrides), CancellationToken.None);
            Task<(FlaskJudgeSettings Settings, FlaskJudge Judge)>? judgeBuilt = isDryRun ? null : Task.Run(async () =>
            {
                FlaskJudgeSettings settings = (await settingsRead.ConfigureAwait(false)).Judge;
                settings = settings with { Resilience = settings.Resilience with { MaxConcurrency = slots } };
                return (settings, new FlaskJudge(CliJudge.Create(settings), settings.Judge));
            }, CancellationToken.None);

            // The responses are read on another core while the data set is read here; awaited after the data set, so a
            // problem with the data set is still reported first.
            Task<(IReadOnlyDictionary<string, string> Responses, IReadOnlyList<DataProblem> Problems)>? responsesRead = responsesFile is null ? null
                : Task.Run(() => FlaskDatasetReader.ReadResponses(Existing(responsesFile)), CancellationToken.None);
            SkillCatalog catalog = RubricCatalog.Load(parse, rubrics);
            var problems = new List<DataProblem>();
            string datasetPath = Existing(parse.GetValue(dataset)!);
            var (instances, datasetProblems) = FlaskDatasetReader.ReadInstances(datasetPath, catalog);
            problems.AddRange(datasetProblems);
            if (responsesFile is not null)
                instances = PairIds(instances, datasetPath, parse.GetValue(idMap), problems);
            int unreadable = problems.Count; // data lines that are no instance: counted as selected and not judged in the run history
            var filter = new BenchFilter(parse.GetValue(skills) ?? [], parse.GetValue(domains) ?? [], parse.GetValue(difficulties) ?? [],
                parse.GetValue(hard), BenchFilter.ParseShard(parse.GetValue(shard)), parse.GetValue(limit) ?? 0);
            FlaskInstance[] selected = [.. filter.Apply(instances, catalog)];
            if (selected.Length == 0)
            {
                // A run that would judge nothing never ends green: it is a usage or input error.
                int read = instances.Count();
                throw new CliException(read == 0
                    ? $"Nothing to judge: {datasetPath} has no readable instance{(problems.Count > 0 ? $" ({problems.Count} line(s) with data errors, e.g. {problems[0]})" : string.Empty)}. Give a data set in FLASK's JSONL or the YAML case format (docs/cli.md)."
                    : $"Nothing to judge: the filters select none of the {read} instance(s) in {datasetPath}. Loosen --skill, --domain, --difficulty, --hard, --shard or --limit.");
            }

            IReadOnlyDictionary<string, string> stored = new Dictionary<string, string>();
            if (responsesFile is not null)
            {
                var (read, responseProblems) = await responsesRead!;
                stored = read;
                problems.AddRange(responseProblems);
                if (PairingCheck.Warning([.. selected.Where(i => stored.ContainsKey(i.Id)).Select(i => (i, stored[i.Id]))], datasetPath, responsesFile.FullName) is { } mismatch)
                    Console.Error.WriteLine(mismatch);
            }

            string outPath = parse.GetValue(output)!.FullName;
            if (Directory.Exists(outPath))
                throw new CliException($"--out {outPath} is a directory; give the path of a results file, such as {Path.Combine(outPath, modelName + ".jsonl")}.");
            bool isDevice = outPath.StartsWith("/dev/", StringComparison.Ordinal); // /dev/null, /dev/full: no lock file beside them
            if (!isResume && !isDryRun && !parse.GetValue(overwrite) && !isDevice && File.Exists(outPath) && new FileInfo(outPath).Length > 0)
                throw new CliException($"{outPath} already holds results: add --resume to keep them and judge the rest, or --overwrite to replace them.");

            foreach (DataProblem problem in problems)
                Console.Error.WriteLine($"skipped {problem}");

            FlaskSettings all = await settingsRead;
            PriceTable priceTable = PriceTable.Load(all.Prices);

            if (isDryRun)
            {
                // Reads --out, never writes it: a dry run changes nothing.
                ResultsFile.Contents already = isResume ? ResultsFile.Read(outPath, parse.GetValue(keepJudgeErrors)) : Empty;
                CheckSameModel(already, outPath, modelName);
                FlaskInstance[] pending = [.. selected.Where(i => !already.Done.Contains(i.Id))];
                // Live responses do not exist yet: their prompts are estimated without them.
                var work = responsesFile is null
                    ? pending.Select(i => (i, string.Empty))
                    : pending.Where(i => stored.ContainsKey(i.Id)).Select(i => (i, stored[i.Id]));
                var (calls, inputTokens, maxOutput) = DryRun.Estimate(work, catalog, new FlaskJudgeOptions().MaxOutputTokens);
                CliRunner.Line(string.Create(CultureInfo.InvariantCulture,
                    $"Dry run: {calls} judge calls ({selected.Length} selected, {already.Done.Count} already done, {pending.Length - calls} without a response), " +
                    $"about {inputTokens:N0} prompt tokens (cl100k) and at most {maxOutput:N0} output tokens. Nothing was called."));
                CliRunner.Line(BenchCost.Estimate(priceTable, all.Judge.Judge.Model, inputTokens, maxOutput));
                return problems.Count > 0 ? CliRunner.NotJudged : CliRunner.Success;
            }

            // Two runs through different names of one file (a symlink) must meet at one lock, and the file is rewritten
            // (Drop) at its target, never over the link.
            string target = isDevice ? outPath : OutputLock.Target(outPath);
            using OutputLock? outputLock = isDevice ? null : OutputLock.Acquire(target);
            ResultsFile.Contents done = Empty;
            if (isResume && File.Exists(target) && !isDevice)
            {
                done = ResultsFile.Read(target, parse.GetValue(keepJudgeErrors));
                CheckSameModel(done, outPath, modelName);
                if (done.TornLine)
                {
                    ResultsFile.CutTornLine(target);
                    Console.Error.WriteLine($"{outPath}: cut off a half-written last line left by an interrupted run.");
                }
                if (done.UnterminatedLine)
                    ResultsFile.Terminate(target); // a complete result the kill left without its newline: kept
                if (done.Retried.Count > 0)
                {
                    ResultsFile.Drop(target, done.Retried.Keys.ToHashSet(StringComparer.Ordinal));
                    Console.Error.WriteLine($"{outPath}: {done.Retried.Count} result(s) with judge errors will be asked again (--keep-judge-errors keeps them).");
                }
            }
            FlaskInstance[] todo = [.. selected.Where(i => !done.Done.Contains(i.Id))];

            var (settings, flaskJudge) = await judgeBuilt!;

            BenchRunner.ResponseSource source = responsesFile is not null
                ? (instance, _) => Task.FromResult(stored.TryGetValue(instance.Id, out string? text) ? text : null)
                : LiveResponses(endpoint!, modelName, all.ModelApiKey, settings.Resilience);

            // Every judge call is async I/O, but its continuations arrive in bursts; on a 2-core machine the thread pool
            // would otherwise add threads slowly and leave judge slots idle (measured: docs/performance.md).
            ThreadPool.GetMinThreads(out int workers, out int io);
            ThreadPool.SetMinThreads(Math.Max(workers, slots * 2), io);

            var stats = new BenchStats(todo.Length, priceTable, settings.Judge.Model);
            var history = new BenchHistory(all, target, isDevice, isResume, Path.GetFileNameWithoutExtension(datasetPath), RunFingerprint.Rubrics(catalog), selected, unreadable);
            bool cancelled = false;
            using (ResultsFile results = OpenOutput(target, isResume, history.Recording))
            {
                var runner = new BenchRunner(flaskJudge, catalog, results, stats, done.Retried);
                try
                {
                    await ShowProgressAsync(stats, () => runner.RunAsync(todo, source, modelName, slots, cancellationToken));
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true; // recorded as cancelled below, then exit code 130
                }
            }
            if (cancelled)
            {
                history.Record(stats, RunEnding.Cancelled);
                throw new OperationCanceledException(cancellationToken);
            }
            int exitCode = Summarize(stats, problems, done, todo.Length, outPath, settings.Cache);
            CliRunner.Line(BenchCost.Run(priceTable, settings.Judge.Model, stats.InputTokens, stats.OutputTokens));
            history.Record(stats, stats.StopReason is null ? RunEnding.Completed : RunEnding.StoppedEarly);
            return exitCode;
        }));
        return command;
    }

    private static readonly ResultsFile.Contents Empty = new([], [], 0, false);

    private static ResultsFile OpenOutput(string path, bool append, RunRecording? recording)
    {
        try
        {
            return ResultsFile.Open(path, append, recording);
        }
        catch (IOException e)
        {
            throw new CliException($"{e.Message} Give --out a writable file path.");
        }
    }

    /// <summary>
    /// Gives the instances the ids the responses use when the data set has its own (FLASK-HARD): through --id-map, or
    /// FLASK's main set found beside a data set whose name says "hard".
    /// </summary>
    private static IReadOnlyList<FlaskInstance> PairIds(IReadOnlyList<FlaskInstance> instances, string datasetPath, FileInfo? idMap, List<DataProblem> problems)
    {
        string? map = idMap is not null ? Existing(idMap) : IdPairing.LooksHard(datasetPath) ? IdPairing.MainSetBeside(datasetPath) : null;
        if (map is null)
        {
            if (IdPairing.LooksHard(datasetPath))
                Console.Error.WriteLine($"warning: {datasetPath} looks like FLASK-HARD, whose ids (1..89) are its own, while FLASK's model outputs use the main set's ids; " +
                                        $"pass --id-map <{IdPairing.MainSetFileName}> to pair its instances with the responses through their instruction.");
            return instances;
        }
        var (paired, unpaired) = IdPairing.ByInstruction(instances, map);
        problems.AddRange(unpaired);
        Console.Error.WriteLine($"Paired {paired.Count} of {instances.Count} instance(s) of {datasetPath} with the ids of {map} through their instruction; results carry those ids.");
        return paired;
    }

    /// <summary>The summary lines and the exit code: 0 all judged, 1 something not judged, 2 the output failed, 3 stopped early.</summary>
    internal static int Summarize(BenchStats stats, List<DataProblem> problems, ResultsFile.Contents done, int todo, string outPath, JudgeCacheOptions cache)
    {
        CliRunner.Line(string.Create(CultureInfo.InvariantCulture, $"Done: {stats.Line()}; {stats.Clock.Elapsed.TotalSeconds:0.00} s. Results: {outPath}"));
        int notStarted = todo - stats.Done - stats.Skipped.Values.Sum() - stats.Unsaved;
        (string Reason, int Count)[] groups = [.. problems.GroupBy(p => p.Reason.Split(':')[0]).Select(g => (Reason: g.Key, Count: g.Count()))
            .Concat(stats.Skipped.Select(s => (Reason: s.Key, Count: s.Value)))
            .Concat(notStarted > 0 && (stats.StopReason ?? stats.WriteFailure) is not null ? [("not started: the run stopped early", notStarted)] : Array.Empty<(string, int)>())];
        int skipped = groups.Sum(g => g.Count);
        if (skipped > 0)
        {
            CliRunner.Line(string.Create(CultureInfo.InvariantCulture, $"Skipped {skipped}:"));
            foreach (var (reason, count) in groups)
                CliRunner.Line(string.Create(CultureInfo.InvariantCulture, $"  {count} × {reason}"));
            foreach (var (reason, message) in stats.FirstMessage)
                CliRunner.Line($"  {reason}, e.g.: {message}");
        }
        if (done.Done.Count > 0)
            CliRunner.Line(string.Create(CultureInfo.InvariantCulture, $"Resumed: {done.Done.Count} result(s) were already in the output and were not judged again."));
        int judgeErrors = stats.JudgeErrors + done.KeptJudgeErrors;
        if (judgeErrors > 0)
            CliRunner.Line(string.Create(CultureInfo.InvariantCulture, $"{judgeErrors} result(s) have judge errors (skills the judge's answer did not score); dotnet flask bench --resume asks again."));

        if (stats.WriteFailure is { } failure)
        {
            string kept = cache.Mode == JudgeCacheMode.ReadWrite
                ? $"their judge answers are in the cache {cache.Directory}, so a rerun does not pay for them again"
                : "their judge answers are lost (the cache is off)";
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dotnet flask: cannot write the results file {outPath}: {failure} {stats.Unsaved} judged result(s) were not saved ({kept}); free the output and run again with --resume."));
            return CliRunner.Usage;
        }
        if (stats.StopReason is { } reason2)
        {
            Console.Error.WriteLine($"dotnet flask: stopped early, {reason2}");
            return CliRunner.Stopped;
        }
        return skipped > 0 || judgeErrors > 0 ? CliRunner.NotJudged : CliRunner.Success;
    }

    /// <summary>A resume continues one model's run: results of another model in --out are not "already done" for this one.</summary>
    private static void CheckSameModel(ResultsFile.Contents contents, string outPath, string model)
    {
        if (contents.Models.FirstOrDefault(m => m != model) is { } other)
            throw new CliException($"{outPath} holds results of model '{other}', not '{model}': --resume continues one model's run. Give this model its own --out, or --overwrite to replace the file.");
    }

    private static string Existing(FileInfo file) => file.Exists ? file.FullName : throw new CliException($"File not found: {file.FullName}");

    private static BenchRunner.ResponseSource LiveResponses(string endpoint, string model, string? apiKey, JudgeResilienceOptions resilience)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new CliException("--model-endpoint must be an absolute http(s) URL such as http://127.0.0.1:11434/v1.");
        if (url.UserInfo.Length > 0)
            throw new CliException($"--model-endpoint has credentials in its URL (user:password@), which are never sent and would be printed in messages: remove them and put the key in {FlaskSettings.ModelApiKeyVariable}.");
        IChatClient client = FlaskJudgeClient.OpenAICompatible(
            new JudgeEndpoint(url, model, apiKey), resilience,
            new EndpointSettingNames("The model under test", "--model-endpoint", "--model", FlaskSettings.ModelApiKeyVariable));
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
