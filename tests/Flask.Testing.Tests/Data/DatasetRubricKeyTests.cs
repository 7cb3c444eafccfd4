using System;
using System.IO;
using System.Text;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// A rubric keyed by a skill name whose JSON escape is not valid UTF-16 (a lone surrogate) is a problem at its line,
/// like such a text in any other field; the reader used to throw on it, ending the whole read.
/// </summary>
public sealed class DatasetRubricKeyTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-dataset-rubric-key");

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData("lone \\ud800")]
    [InlineData("\\udc00Factuality")]
    [InlineData("Factuality\\ud83d")]
    public void A_rubric_key_that_is_not_valid_Unicode_is_a_problem_at_its_line(string key)
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, "set.jsonl");
        File.WriteAllText(path, string.Join('\n',
            "{\"idx\": 1, \"instruction\": \"q\", \"skill\": [\"Factuality\"]}",
            $"{{\"idx\": 2, \"instruction\": \"q\", \"skill\": [\"Factuality\"], \"rubric\": {{\"{key}\": {{\"checklist\": [\"a\"]}}}}}}",
            "{\"idx\": 3, \"instruction\": \"q\", \"skill\": [\"Factuality\"]}"), new UTF8Encoding(false));

        foreach (SkillCatalog? catalog in new[] { FlaskSkills.Catalog, null })
        {
            var (instances, problems) = FlaskDatasetReader.ReadInstances(path, catalog);

            Assert.Equal(["1", "3"], [.. System.Linq.Enumerable.Select(instances, i => i.Id)]);
            DataProblem problem = Assert.Single(problems);
            Assert.Equal($"{path}:2", problem.Where);
            Assert.Equal("a key of 'rubric' is not valid Unicode text (a lone surrogate escape such as \\ud800)", problem.Reason);
        }
    }
}
