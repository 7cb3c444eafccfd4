using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Flask.Testing.Xunit;
using Xunit;
using Xunit.Sdk;

namespace Flask.Testing.Xunit.Tests;

/// <summary>A data-driven row carries its <see cref="FlaskInstance"/>, whole, through xUnit's serialization (discovery to execution).</summary>
public sealed class FlaskCaseTests
{
    private static readonly string[] Texts = ["", "plain", "two\nlines", "quotes \" and \\ backslash", "émoji 🎉 and ünïcode", "  padded  ", "{\"json\": [1]}", "null", "~"];

    private static string Text(Random random) => Texts[random.Next(Texts.Length)] + random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static FlaskInstance Generate(Random random) => new()
    {
        Id = Text(random),
        Instruction = Text(random),
        Reference = random.Next(3) == 0 ? null : Text(random),
        Skills = [.. Enumerable.Range(0, random.Next(4)).Select(_ => Text(random))],
        Domains = [.. Enumerable.Range(0, random.Next(3)).Select(_ => Text(random))],
        Difficulty = random.Next(2) == 0 ? null : Text(random),
        Task = random.Next(2) == 0 ? null : Text(random),
        MinScore = random.Next(3) == 0 ? null : 1 + (random.Next(9) / 2.0),
        Rubrics = Enumerable.Range(0, random.Next(3)).ToDictionary(i => $"skill{i}", _ => new InstanceRubric
        {
            Checklist = [.. Enumerable.Range(0, random.Next(3)).Select(_ => Text(random))],
            Scoring = random.Next(2) == 0 ? null : new ScoringRubric(Text(random) + "1", "2", "3", "4", Text(random) + "5"),
        }),
        Source = Text(random),
    };

    /// <summary>Every member, written out: records with lists do not compare by content.</summary>
    private static string Describe(FlaskInstance i) => JsonSerializer.Serialize(new
    {
        i.Id, i.Instruction, i.Reference, i.Skills, i.Domains, i.Difficulty, i.Task, i.MinScore, i.Source,
        Rubrics = i.Rubrics.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new { r.Key, r.Value.Checklist, Scoring = r.Value.Scoring?.Select(l => l.Description) }),
    });

    [Fact]
    public void A_case_round_trips_through_xunits_serialization_with_every_member_of_its_instance()
    {
        var random = new Random(20261129);
        for (int n = 0; n < 200; n++)
        {
            FlaskInstance instance = Generate(random);

            string serialized = SerializationHelper.Instance.Serialize(new FlaskCase(instance));
            FlaskCase back = SerializationHelper.Instance.Deserialize<FlaskCase>(serialized)!;

            Assert.Equal(Describe(instance), Describe(back.Instance));
            Assert.Equal(instance.Id, back.Id);
            Assert.Equal(instance.Instruction, back.Instruction);
            Assert.Equal(instance.Reference, back.Reference);
            Assert.Equal(instance.Skills, back.Skills);
        }
    }

    [Fact]
    public void A_case_is_its_instance_not_a_copy_of_its_fields()
    {
        var instance = new FlaskInstance { Id = "boil", Instruction = "At what temperature does water boil?", Skills = ["Factuality"], Difficulty = "expert level knowledge" };

        var item = new FlaskCase(instance);

        Assert.Same(instance, item.Instance);
        Assert.True(item.Instance.IsExpertLevel);
        Assert.Equal("boil", item.ToString());
    }
}
