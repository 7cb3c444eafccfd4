using System;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// A group of related skills. FLASK defines four (<see cref="LogicalThinking"/>, <see cref="BackgroundKnowledge"/>,
/// <see cref="ProblemHandling"/>, <see cref="UserAlignment"/>); a team's own rubrics may name others.
/// </summary>
/// <param name="Name">The ability's display name, e.g. <c>Logical Thinking</c>. Abilities compare by name, ordinally.</param>
public sealed record Ability(string Name)
{
    /// <summary>FLASK's Logical Thinking: robustness, correctness and efficiency of reasoning.</summary>
    public static Ability LogicalThinking { get; } = new(FlaskAbilityNames.LogicalThinking);

    /// <summary>FLASK's Background Knowledge: factuality and commonsense understanding.</summary>
    public static Ability BackgroundKnowledge { get; } = new(FlaskAbilityNames.BackgroundKnowledge);

    /// <summary>FLASK's Problem Handling: comprehension, insightfulness, completeness and metacognition.</summary>
    public static Ability ProblemHandling { get; } = new(FlaskAbilityNames.ProblemHandling);

    /// <summary>FLASK's User Alignment: conciseness, readability and harmlessness.</summary>
    public static Ability UserAlignment { get; } = new(FlaskAbilityNames.UserAlignment);

    /// <summary>FLASK's four abilities, in the paper's order.</summary>
    public static System.Collections.Generic.IReadOnlyList<Ability> Flask { get; } = [.. FlaskAbilityNames.All.Select(name => new Ability(name))];

    /// <summary>The display name, checked to be non-empty.</summary>
    public string Name { get; } = string.IsNullOrWhiteSpace(Name)
        ? throw new ArgumentException("An ability needs a non-empty name.", nameof(Name))
        : Name;

    /// <summary>Whether this is one of FLASK's four abilities.</summary>
    public bool IsFlask => Flask.Contains(this);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
