using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit.Sdk;

namespace Flask.Testing.Xunit;

/// <summary>
/// One instruction of a data-driven FLASK test: what to ask, the reference answer, the skills to judge it on and an
/// optional instance-specific rubric. Read by <see cref="FlaskDataAttribute"/> from JSONL (FLASK's format) or YAML.
/// </summary>
public sealed class FlaskCase : IXunitSerializable
{
    /// <summary>For xUnit's serializer.</summary>
    [Obsolete("For xUnit's serializer only.")]
    public FlaskCase()
    {
    }

    /// <summary>Creates a case.</summary>
    public FlaskCase(string id, string instruction, string? reference = null, IEnumerable<string>? skills = null)
    {
        Id = id;
        Instruction = instruction;
        Reference = reference;
        Skills = skills?.ToArray() ?? [];
    }

    /// <summary>The case's id (FLASK's <c>idx</c>), unique in its file.</summary>
    public string Id { get; private set; } = string.Empty;

    /// <summary>The instruction to give the app.</summary>
    public string Instruction { get; private set; } = string.Empty;

    /// <summary>The reference answer, or null.</summary>
    public string? Reference { get; private set; }

    /// <summary>The skills (ids, names or aliases) this case is judged on, besides the test's [FlaskSkill]s.</summary>
    public IReadOnlyList<string> Skills { get; private set; } = [];

    private double? _minScore;
    private IReadOnlyList<string> _domains = [];
    private string? _difficulty;
    private IReadOnlyDictionary<string, InstanceRubric> _rubrics = new Dictionary<string, InstanceRubric>();
    private string? _source;

    /// <summary>The minimum score for this case's own skills, or null for the data attribute's.</summary>
    public double? MinScore { get => _minScore; init => _minScore = value; }

    /// <summary>FLASK domains, when annotated.</summary>
    public IReadOnlyList<string> Domains { get => _domains; init => _domains = value; }

    /// <summary>FLASK difficulty label, when annotated.</summary>
    public string? Difficulty { get => _difficulty; init => _difficulty = value; }

    /// <summary>Instance-specific rubric additions by skill (id, name or alias).</summary>
    public IReadOnlyDictionary<string, InstanceRubric> Rubrics { get => _rubrics; init => _rubrics = value; }

    /// <summary>Where the case was read from (file and line), for messages.</summary>
    public string? Source { get => _source; init => _source = value; }

    /// <inheritdoc/>
    public override string ToString() => Id;

    void IXunitSerializable.Deserialize(IXunitSerializationInfo info)
    {
        Id = info.GetValue<string>(nameof(Id)) ?? string.Empty;
        Instruction = info.GetValue<string>(nameof(Instruction)) ?? string.Empty;
        Reference = info.GetValue<string>(nameof(Reference));
        Skills = info.GetValue<string[]>(nameof(Skills)) ?? [];
        // The less common members travel as one JSON value.
        var rest = JsonSerializer.Deserialize<Extras>(info.GetValue<string>(nameof(Extras)) ?? "{}") ?? new Extras();
        _minScore = rest.MinScore;
        _domains = rest.Domains;
        _difficulty = rest.Difficulty;
        _source = rest.Source;
        _rubrics = rest.Rubrics.ToDictionary(
            r => r.Key, r => new InstanceRubric
            {
                Checklist = r.Value.Checklist,
                Scoring = r.Value.Scoring is { Length: 5 } s ? new ScoringRubric(s[0], s[1], s[2], s[3], s[4]) : null,
            });
    }

    void IXunitSerializable.Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Id), Id);
        info.AddValue(nameof(Instruction), Instruction);
        info.AddValue(nameof(Reference), Reference);
        info.AddValue(nameof(Skills), Skills.ToArray());
        info.AddValue(nameof(Extras), JsonSerializer.Serialize(new Extras
        {
            MinScore = MinScore,
            Domains = [.. Domains],
            Difficulty = Difficulty,
            Source = Source,
            Rubrics = Rubrics.ToDictionary(r => r.Key, r => new RubricExtras
            {
                Checklist = [.. r.Value.Checklist],
                Scoring = r.Value.Scoring?.Select(l => l.Description).ToArray(),
            }),
        }));
    }

    private sealed class Extras
    {
        public double? MinScore { get; set; }
        public string[] Domains { get; set; } = [];
        public string? Difficulty { get; set; }
        public string? Source { get; set; }
        public Dictionary<string, RubricExtras> Rubrics { get; set; } = [];
    }

    private sealed class RubricExtras
    {
        public string[] Checklist { get; set; } = [];
        public string[]? Scoring { get; set; }
    }
}
