using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit.Sdk;

namespace Flask.Testing.Xunit;

/// <summary>
/// One row of a data-driven FLASK test: a <see cref="FlaskInstance"/> read by <see cref="FlaskDataAttribute"/> from
/// JSONL (FLASK's format) or YAML, with the data attribute's minimum score filled in when the item gives none. The
/// test method takes a <see cref="FlaskCase"/> parameter and hands it to <see cref="FlaskAssert.ScoresAsync(FlaskCase, string)"/>.
/// </summary>
public sealed class FlaskCase : IXunitSerializable
{
    /// <summary>For xUnit's serializer.</summary>
    [Obsolete("For xUnit's serializer only.")]
    public FlaskCase()
    {
        Instance = new FlaskInstance { Id = string.Empty, Instruction = string.Empty };
    }

    /// <summary>A case of <paramref name="instance"/>.</summary>
    public FlaskCase(FlaskInstance instance)
    {
        Instance = instance ?? throw new ArgumentNullException(nameof(instance));
    }

    /// <summary>
    /// The instance: instruction, reference answer, the skills it is judged on besides the test's [FlaskSkill]s, the
    /// minimum score for those skills (<see cref="FlaskInstance.MinScore"/>), instance rubrics and FLASK metadata.
    /// </summary>
    public FlaskInstance Instance { get; private set; }

    /// <summary>The case's id (FLASK's <c>idx</c>), unique in its file.</summary>
    public string Id => Instance.Id;

    /// <summary>The instruction to give the app.</summary>
    public string Instruction => Instance.Instruction;

    /// <summary>The reference answer, or null.</summary>
    public string? Reference => Instance.Reference;

    /// <summary>The skills (ids, names or aliases) this case is judged on, besides the test's [FlaskSkill]s.</summary>
    public IReadOnlyList<string> Skills => Instance.Skills;

    /// <inheritdoc/>
    public override string ToString() => Id;

    // The instance travels as one JSON value: xUnit serializes a case to pass it between discovery and execution.
    void IXunitSerializable.Deserialize(IXunitSerializationInfo info) =>
        Instance = (JsonSerializer.Deserialize<Wire>(info.GetValue<string>(nameof(Instance)) ?? "null") ?? throw new InvalidOperationException("A FlaskCase was serialized without its instance.")).ToInstance();

    void IXunitSerializable.Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Instance), JsonSerializer.Serialize(Wire.Of(Instance)));

    /// <summary>Every member of <see cref="FlaskInstance"/>, in a shape System.Text.Json writes and reads back as is.</summary>
    private sealed class Wire
    {
        public string Id { get; set; } = string.Empty;
        public string Instruction { get; set; } = string.Empty;
        public string? Reference { get; set; }
        public string[] Skills { get; set; } = [];
        public string[] Domains { get; set; } = [];
        public string? Difficulty { get; set; }
        public string? Task { get; set; }
        public Dictionary<string, WireRubric> Rubrics { get; set; } = [];
        public double? MinScore { get; set; }
        public string Source { get; set; } = string.Empty;

        public static Wire Of(FlaskInstance i) => new()
        {
            Id = i.Id,
            Instruction = i.Instruction,
            Reference = i.Reference,
            Skills = [.. i.Skills],
            Domains = [.. i.Domains],
            Difficulty = i.Difficulty,
            Task = i.Task,
            Rubrics = i.Rubrics.ToDictionary(r => r.Key, r => new WireRubric { Checklist = [.. r.Value.Checklist], Scoring = r.Value.Scoring?.Select(l => l.Description).ToArray() }),
            MinScore = i.MinScore,
            Source = i.Source,
        };

        public FlaskInstance ToInstance() => new()
        {
            Id = Id,
            Instruction = Instruction,
            Reference = Reference,
            Skills = Skills,
            Domains = Domains,
            Difficulty = Difficulty,
            Task = Task,
            Rubrics = Rubrics.ToDictionary(r => r.Key, r => new InstanceRubric
            {
                Checklist = r.Value.Checklist,
                Scoring = r.Value.Scoring is { } s ? new ScoringRubric(s[0], s[1], s[2], s[3], s[4]) : null,
            }),
            MinScore = MinScore,
            Source = Source,
        };
    }

    private sealed class WireRubric
    {
        public string[] Checklist { get; set; } = [];
        public string[]? Scoring { get; set; }
    }
}
