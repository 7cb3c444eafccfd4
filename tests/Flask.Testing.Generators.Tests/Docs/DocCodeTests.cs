using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Generators.Tests.Docs;

/// <summary>
/// Every C# block of the docs (README.md, PACKAGE-README.md, docs/*.md, the template's README) compiles as shown, with
/// the generator and analyzers running (see <see cref="DocCodeCompiler"/>); a block marked <c>```csharp fragment</c> is
/// shown, not compiled, and is a visibly skipped row.
/// </summary>
public sealed class DocCodeTests
{
    private static readonly Lazy<IReadOnlyList<DocCodeBlock>> AllBlocks = new(() =>
        [.. Pages().SelectMany(page => MarkdownCodeBlocks.Read(page, File.ReadAllText(Path.Combine(RepoPaths.Root, page))))]);

    /// <summary>Every C# block, as <c>file:line</c>.</summary>
    public static TheoryData<string> CSharpBlocks => [.. AllBlocks.Value.Where(b => b.IsCSharp).Select(b => b.ToString())];

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void The_docs_csharp_block_compiles(string where)
    {
        DocCodeBlock block = AllBlocks.Value.Single(b => b.ToString() == where);
        Assert.SkipWhen(block.IsFragment, $"{where} is marked ```csharp fragment: shown, not compiled.");

        IReadOnlyList<string> errors = DocCodeCompiler.Compile(block, DocCodeCompiler.RubricsShownIn(AllBlocks.Value));

        Assert.True(errors.Count == 0, $"The C# block at {where} does not compile:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void The_pages_have_csharp_blocks_and_few_fragments()
    {
        DocCodeBlock[] csharp = [.. AllBlocks.Value.Where(b => b.IsCSharp)];

        // The reader is the test's weak point: finding no block would pass every page.
        Assert.True(csharp.Length >= 8, $"only {csharp.Length} C# blocks found in {string.Join(", ", Pages())}");
        Assert.Contains(csharp, b => b.File == "README.md");
        Assert.Contains(csharp, b => b.File == "docs/testing.md");
        Assert.True(csharp.Count(b => b.IsFragment) <= 2, "fragments are the exception: " + string.Join(", ", csharp.Where(b => b.IsFragment)));
    }

    [Fact]
    public void A_block_that_does_not_compile_is_named_by_file_and_line_with_the_compilers_error()
    {
        const string page = """
            # A page

            Text.

            ```csharp
            public static class Broken
            {
                public static int Twice(int x) => x * Undefined;
            }
            ```
            """;
        DocCodeBlock block = Assert.Single(MarkdownCodeBlocks.Read("docs/broken.md", page));

        IReadOnlyList<string> errors = DocCodeCompiler.Compile(block, []);

        Assert.Equal("docs/broken.md:6", block.ToString());
        string error = Assert.Single(errors);
        Assert.StartsWith("docs/broken.md:8:", error);
        Assert.Contains("error CS0103: The name 'Undefined' does not exist in the current context", error);
    }

    [Fact]
    public void A_misspelt_skill_id_in_a_block_is_FLASK100_and_the_pages_rubrics_are_skills()
    {
        const string page = """
            ```yaml
            id: BrandVoice
            name: Brand Voice
            ability: Brand
            criteria: Does the response sound like our brand?
            scoring: { 1: a, 2: b, 3: c, 4: d, 5: e }
            ```

            ```csharp
            using Flask.Testing.Xunit;
            using Xunit;

            namespace MyApp.FlaskTests;

            public sealed class T
            {
                [Fact, FlaskSkill(FlaskSkillIds.BrandVoice), FlaskSkill("Factualty")]
                public Task A() => FlaskAssert.ScoresAsync("q", "a");
            }
            ```
            """;
        IReadOnlyList<DocCodeBlock> blocks = MarkdownCodeBlocks.Read("docs/misspelt.md", page);

        IReadOnlyList<string> errors = DocCodeCompiler.Compile(blocks.Single(b => b.IsCSharp), DocCodeCompiler.RubricsShownIn(blocks));

        string error = Assert.Single(errors);
        Assert.StartsWith("docs/misspelt.md:17:", error);
        Assert.Contains("error FLASK100", error);
        Assert.Contains("Factuality", error);
    }

    [Fact]
    public void A_fragment_marker_is_read_from_the_info_string()
    {
        IReadOnlyList<DocCodeBlock> blocks = MarkdownCodeBlocks.Read("x.md", "```csharp fragment\nx\n```\n\n~~~cs\ny\n~~~\n");

        Assert.Equal([(true, true, "x\n"), (true, false, "y\n")], blocks.Select(b => (b.IsCSharp, b.IsFragment, b.Code)));
    }

    private static IEnumerable<string> Pages()
    {
        string root = RepoPaths.Root;
        IEnumerable<string> docs = Directory.GetFiles(Path.Combine(root, "docs"), "*.md")
            .Concat(Directory.GetFiles(Path.Combine(root, "templates"), "README*.md", SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")));
        return new[] { "README.md", "PACKAGE-README.md" }
            .Concat(docs.Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).Order(StringComparer.Ordinal));
    }
}
