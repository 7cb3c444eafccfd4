using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Flask.Testing.Xunit;

/// <summary>
/// Theory data from an instruction set file (FLASK's JSONL, so <c>flask_evaluation.jsonl</c> works as is, or YAML):
/// one <see cref="FlaskCase"/> per item. The test method takes a <see cref="FlaskCase"/> parameter.
/// </summary>
/// <param name="path">The file; a relative path is looked up from the test project directory, then the output directory.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class FlaskDataAttribute(string path) : DataAttribute
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The minimum score for the cases' own skills (a case's <c>min_score</c> wins). Default <see cref="PassRule.DefaultMinScore"/> (3).</summary>
    public double MinScore { get; set; } = PassRule.DefaultMinScore;

    /// <summary>Reads only the first N cases; 0 reads all.</summary>
    public int Limit { get; set; }

    /// <summary>When set and the file does not exist, one skipped row with this reason instead of a failure.</summary>
    public string? SkipWhenMissing { get; set; }

    /// <inheritdoc/>
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        string file = FlaskTestPaths.Resolve(testMethod.DeclaringType!.Assembly, Path);
        if (!File.Exists(file))
        {
            if (SkipWhenMissing is null)
                throw new FileNotFoundException($"FLASK data file not found: {file}", file);
            return new([new TheoryDataRow(new FlaskCase(new FlaskInstance { Id = "missing", Instruction = "(no data)" })) { Skip = $"{SkipWhenMissing} ({file} not found)" }]);
        }
        // The runtime's reader, as `dotnet flask bench` uses: a bad item is an error naming file and line, and no row runs.
        // With the test assembly's catalog, a misspelt skill is a located data error here, not a failure at judge time.
        SkillCatalog? catalog = SkillCatalogAttribute.Of(testMethod.DeclaringType.Assembly);
        var (instances, problems) = FlaskDatasetReader.ReadInstances(file, catalog, testAddsSkills: true);
        if (problems.Count > 0)
            throw new InvalidDataException(problems.Count == 1 ? problems[0].ToString() : $"{problems[0]} (and {problems.Count - 1} more problem(s) in the file)");
        IEnumerable<FlaskInstance> cases = instances;
        if (Limit > 0)
            cases = cases.Take(Limit);
        // The attribute's DisableParallelization goes on each row: the row is what becomes the test case, and the test
        // case is all that Microsoft.Testing.Platform (dotnet test) keeps between discovery and execution; left on the
        // attribute only, the rows ran concurrently there.
        bool? disableParallelization = ((IDataAttribute)this).DisableParallelization;
        // A case shows as its id, Method(question: shipping-time), and carries its skills as traits, so that
        // --filter "FlaskSkill=Factuality" selects the cases judged on Factuality.
        return new([.. cases.Select(c =>
        {
            var row = new TheoryDataRow(new FlaskCase(c.MinScore is null ? c with { MinScore = MinScore } : c)) { DisableParallelization = disableParallelization };
            foreach (Skill skill in c.Skills.Select(s => catalog?.Find(s)).OfType<Skill>())
                row.WithTrait("FlaskSkill", skill.Id).WithTrait("FlaskAbility", skill.Ability.Name);
            return (ITheoryDataRow)row;
        })]);
    }

    /// <inheritdoc/>
    public override bool SupportsDiscoveryEnumeration() => true;
}
