using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Flask.Testing.Generators.Parse;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>The JSON Schema that editors validate rubrics with says what the generator accepts.</summary>
public sealed class RubricSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepoPaths.Rubrics, "schema", "flask-rubric.schema.json");

    [Fact]
    public void The_schema_knows_exactly_the_generators_fields()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));

        Assert.Equal(RubricParser.KnownFields.Order(), schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["ability", "criteria", "id", "name", "scoring"], schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.False(schema.RootElement.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Every_shipped_rubric_references_the_schema_and_is_valid()
    {
        string[] rubrics = Directory.GetFiles(RepoPaths.Rubrics, "*.yaml");

        Assert.Equal(12, rubrics.Length);
        foreach (string path in rubrics)
        {
            string text = File.ReadAllText(path);
            Assert.StartsWith("# yaml-language-server: $schema=schema/flask-rubric.schema.json\n", text, StringComparison.Ordinal);
            var parsed = RubricParser.Parse(path, text, isDefault: true, TestContext.Current.CancellationToken);
            Assert.Empty(parsed.Diagnostics);
            Assert.NotNull(parsed.Rubric);
        }
    }
}
