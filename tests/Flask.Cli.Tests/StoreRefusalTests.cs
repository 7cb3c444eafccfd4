using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// Files given as a run store that are not one, or are damaged past their header: every command says so in one line
/// naming the file, with exit code 2, and changes nothing in it.
/// </summary>
public sealed class StoreRefusalTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-store-refusal");

    public void Dispose() => _work.Dispose();

    /// <summary>Two imported runs of 200 generated results (fixed seed) in a fresh store.</summary>
    private async Task<string> StoreWithTwoRunsAsync()
    {
        var random = new Random(7);
        Directory.CreateDirectory(_work);
        string results = Path.Combine(_work, "run.jsonl");
        File.WriteAllLines(results, Enumerable.Range(0, 200).Select(i => ResultsJson.ToLine(new ScoredResponse
        {
            Id = $"App.Tests.Case_{i:0000}",
            Instruction = $"Question {i}?",
            Response = new string('r', random.Next(50, 400)),
            JudgeModel = "judge-a",
            Skills = [new ScoredSkill("Factuality", "Factuality", "Background Knowledge", SkillScoreStatus.Scored, random.Next(1, 6), null, true, "feedback", null)],
        })));
        string store = Path.Combine(_work, "history.db");
        foreach (string project in new[] { "A", "A" })
        {
            var import = await Cli.RunAsync(["import", results, "--store", store, "--project", project]);
            Assert.True(import.ExitCode == 0, import.Errors);
        }
        return store;
    }

    private static void AssertOneLineNaming(string store, (int ExitCode, string Output, string Errors) run, string says)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Errors}");
        Assert.DoesNotContain("internal error", run.Errors);
        string line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(store, line);
        Assert.Contains(says, line);
    }

    private static readonly string[] ReadCommands = ["runs", "compare", "trend", "report"];

    private static string[] Arguments(string command, string store) => command switch
    {
        "compare" => ["compare", "1", "2", "--store", store],
        "report" => ["report", "--run", "1", "--store", store],
        _ => [command, "--store", store],
    };

    [Fact]
    public async Task A_database_that_is_not_a_store_is_refused_by_every_command_and_left_as_it_was()
    {
        Directory.CreateDirectory(_work);
        string other = Path.Combine(_work, "app.db");
        using (var connection = new SqliteConnection($"Data Source={other};Pooling=false"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE foo(x); INSERT INTO foo VALUES(1);";
            command.ExecuteNonQuery();
        }
        byte[] before = File.ReadAllBytes(other);
        string results = Path.Combine(_work, "r.jsonl");
        File.WriteAllText(results, ResultsJson.ToLine(new ScoredResponse { Id = "t", Instruction = "q", Response = "a", Skills = [] }) + "\n");

        foreach (string command in ReadCommands)
            AssertOneLineNaming(other, await Cli.RunAsync(Arguments(command, other)), "not a FLASK run store (a SQLite database with other tables: foo)");
        AssertOneLineNaming(other, await Cli.RunAsync(["import", results, "--store", other]), "not a FLASK run store");

        Assert.Equal(before, File.ReadAllBytes(other));
        Assert.False(File.Exists(other + "-wal"));
    }

    [Fact]
    public async Task A_store_damaged_past_its_header_is_one_line_naming_it_for_every_command_that_reads()
    {
        string store = await StoreWithTwoRunsAsync();
        // Every page but the first (the header and the schema, which the open checks) overwritten: a torn restore.
        byte[] bytes = File.ReadAllBytes(store);
        int page = (bytes[16] << 8) | bytes[17]; // the page size, from the SQLite header (a new store has 16 KB pages)
        if (page == 1)
            page = 65536;
        Assert.True(bytes.Length > 4 * page, $"the store is {bytes.Length} bytes");
        Array.Clear(bytes, page, bytes.Length - page);
        File.WriteAllBytes(store, bytes);

        foreach (string command in ReadCommands)
            AssertOneLineNaming(store, await Cli.RunAsync(Arguments(command, store)), "The file is damaged");
    }

    [Fact]
    public async Task A_store_missing_a_table_of_its_version_is_one_line_naming_it()
    {
        string store = await StoreWithTwoRunsAsync();
        using (var connection = new SqliteConnection($"Data Source={store};Pooling=false"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "DROP TABLE scores;";
            command.ExecuteNonQuery();
        }

        foreach (string command in ReadCommands)
            AssertOneLineNaming(store, await Cli.RunAsync(Arguments(command, store)), "a damaged FLASK run store");
    }
}
