using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Flask.Testing;

/// <summary>
/// Builds the judge request exactly as FLASK does: FLASK's system prompt, its template with or without a reference
/// answer, and a block per skill (name, criteria, the five score descriptions) in the request's skill order.
/// </summary>
/// <remarks>
/// Two deliberate differences from FLASK, both invisible on FLASK's own data: the phrase "in these 3 categories" names
/// the real number of skills when it is not 3, and text from the instruction, reference answer, response or an
/// instance rubric cannot contain the template's section markers (<c>[Instruction]</c>, <c>[Ground truth Answer]</c>,
/// <c>[Assistant's Response]</c>, <c>[The End of Assistant's Response]</c>, <c>[System]</c>) nor anything a judge would
/// read as one (<see cref="LookAlikeMarker"/>): such a marker is written with parentheses instead of brackets, so the
/// only markers the judge sees are the template's own and a response cannot end itself early or open a fake system
/// section.
/// </remarks>
public static class ReviewPromptBuilder
{
    private const string FlaskCategoryPhrase = "in these 3 categories";

    // Brackets a judge reads as [ and ]: ASCII, fullwidth, and the CJK and mathematical look-alikes.
    private const string OpenBrackets = "[［【〚⟦〔⦋〖";

    private static readonly System.Buffers.SearchValues<char> OpenBracketValues = System.Buffers.SearchValues.Create(OpenBrackets);
    private const string CloseBrackets = "]］】〛⟧〕⦌〗";

    private static readonly IReadOnlyDictionary<string, InstanceRubric> NoInstanceRubrics = new Dictionary<string, InstanceRubric>();

    // Skill lists of a long-lived host are few (a test suite's skill sets, an evaluation set's annotated triples).
    private static readonly SkillsBlockCache SkillsBlocks = new(capacity: 1024);

    /// <summary>
    /// The template's markers and their look-alikes: any case; brackets from <see cref="OpenBrackets"/> and
    /// <see cref="CloseBrackets"/>, with white space inside them; any run of white space or invisible format
    /// characters (zero-width space, soft hyphen, word joiner) between words, and invisible characters inside words;
    /// any apostrophe (or none) in "Assistant's"; "Answer" and "Response" for each other.
    /// </summary>
    private static readonly Regex LookAlikeMarker = new(Markers(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Builds the prompt for <paramref name="request"/>.</summary>
    public static ReviewPrompt Build(JudgeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReviewPromptTemplate template = request.ReferenceAnswer is null ? ReviewPromptTemplate.WithoutReference : ReviewPromptTemplate.WithReference;
        var fields = new Dictionary<string, string>
        {
            ["prompt1"] = CategoryCount(template.Prompt1, request.Skills.Count),
            ["prompt2"] = template.Prompt2,
            ["skills"] = SkillsBlock(request),
            ["question"] = Neutralize(request.Instruction),
            ["response"] = Neutralize(request.Response),
        };
        if (request.ReferenceAnswer is not null)
            fields["sample_answer"] = Neutralize(request.ReferenceAnswer);
        return new ReviewPrompt(template.SystemPrompt, template.Fill(fields));
    }

    private static string SkillsBlock(JudgeRequest request)
    {
        for (int i = 0; i < request.Skills.Count; i++)
        {
            if (request.InstanceRubrics.ContainsKey(request.Skills[i].Id))
                return SkillsBlock(request.Skills, request.InstanceRubrics);
        }
        // Without instance rubrics the block is the skills' alone: built once per skill list, not once per request.
        return SkillsBlocks.GetOrAdd(request.Skills, static skills => SkillsBlock(skills, NoInstanceRubrics));
    }

    private static string SkillsBlock(IReadOnlyList<Skill> skills, IReadOnlyDictionary<string, InstanceRubric> instanceRubrics)
    {
        // Measured, then written into a string of that length.
        int length = WriteSkillsBlock(skills, instanceRubrics, []);
        return string.Create(length, (skills, instanceRubrics), static (block, state) =>
        {
            if (WriteSkillsBlock(state.skills, state.instanceRubrics, block) != block.Length)
                throw PromptWriter.Changed();
        });
    }

    /// <summary>The skills block's length; written into <paramref name="destination"/> as well unless it is empty.</summary>
    private static int WriteSkillsBlock(IReadOnlyList<Skill> skills, IReadOnlyDictionary<string, InstanceRubric> instanceRubrics, Span<char> destination)
    {
        var block = new PromptWriter(destination);
        for (int s = 0; s < skills.Count; s++)
        {
            Skill skill = skills[s];
            InstanceRubric? instance = instanceRubrics.TryGetValue(skill.Id, out InstanceRubric? found) ? found : null;
            ScoringRubric scoring = instance?.Scoring ?? skill.Scoring;
            block.Put("\n");
            block.Put(skill.Name);
            block.Put(": ");
            block.Put(Neutralize(skill.Criteria));
            for (int l = 0; l < scoring.Count; l++)
            {
                block.Put("\nScore ");
                block.Put(scoring[l].Score);
                block.Put(": ");
                block.Put(Neutralize(scoring[l].Description));
            }
            if (instance is { Checklist.Count: > 0 })
            {
                block.Put("\nChecklist for this instruction:");
                for (int c = 0; c < instance.Checklist.Count; c++)
                {
                    block.Put("\n- ");
                    block.Put(Neutralize(instance.Checklist[c]));
                }
            }
            block.Put("\n\n");
        }
        return block.Length;
    }

    private static string CategoryCount(string prompt1, int count) => count == 3
        ? prompt1
        : prompt1.Replace(FlaskCategoryPhrase, count == 1 ? "in this 1 category" : $"in these {count} categories", StringComparison.Ordinal);

    /// <summary>
    /// Writes the template's section markers in a text, and their look-alikes, with parentheses instead of brackets
    /// (the text between them kept as it is), so they cannot act as markers.
    /// </summary>
    internal static string Neutralize(string text)
    {
        if (text.AsSpan().IndexOfAny(OpenBracketValues) < 0)
            return text;
        return LookAlikeMarker.Replace(text, m => "(" + m.Value[1..^1] + ")");
    }

    private static string Markers()
    {
        const string gap = @"[\s\p{Cf}]";
        static string Word(string word) => string.Join(@"\p{Cf}*", word.Select(c => Regex.Escape(c.ToString())));
        string apostrophe = @"\p{Cf}*['’‘`´ʼ＇′]?\p{Cf}*";
        string answer = $"(?:{Word("Response")}|{Word("Answer")})";
        string assistants = $"{Word("Assistant")}{apostrophe}{Word("s")}";
        string[] markers =
        [
            Word("Instruction"),
            $"{Word("Ground")}{gap}+{Word("truth")}{gap}+{answer}",
            $"{assistants}{gap}+{answer}",
            $"{Word("The")}{gap}+{Word("End")}{gap}+{Word("of")}{gap}+{assistants}{gap}+{answer}",
            Word("System"),
        ];
        static string Class(string chars) => "[" + string.Concat(chars.Select(c => @"\" + c)) + "]";
        return $"{Class(OpenBrackets)}{gap}*(?:{string.Join("|", markers)}){gap}*{Class(CloseBrackets)}";
    }
}
