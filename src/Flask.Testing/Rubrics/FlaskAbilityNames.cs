// Shared source: compiled into the runtime and into the generator, so that FLASK's four abilities are written once —
// the generator orders the catalog by them and emits Ability's properties for them; the runtime defines those properties.
namespace Flask.Testing;

/// <summary>The names of FLASK's four abilities, in the paper's order.</summary>
internal static class FlaskAbilityNames
{
    /// <summary>Robustness, correctness and efficiency of reasoning.</summary>
    public const string LogicalThinking = "Logical Thinking";

    /// <summary>Factuality and commonsense understanding.</summary>
    public const string BackgroundKnowledge = "Background Knowledge";

    /// <summary>Comprehension, insightfulness, completeness and metacognition.</summary>
    public const string ProblemHandling = "Problem Handling";

    /// <summary>Conciseness, readability and harmlessness.</summary>
    public const string UserAlignment = "User Alignment";

    /// <summary>The four, in the paper's order; each is also the name of a property of <c>Ability</c> without its space.</summary>
    public static readonly string[] All = [LogicalThinking, BackgroundKnowledge, ProblemHandling, UserAlignment];
}
