using System;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Flask.Testing;

/// <summary>
/// Names an assembly's generated skill catalog (<c>FlaskSkills</c>), so that tools holding only a skill id (an
/// attribute, a data file) find the skill. The rubric generator adds it; there is no need to write it.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class SkillCatalogAttribute([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.NonPublicProperties)] Type catalogType) : Attribute
{
    /// <summary>The generated class with a static <c>Catalog</c> property.</summary>
    // The Catalog property is found by name: a trimmed program keeps it because the type is annotated so.
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.NonPublicProperties)]
    public Type CatalogType { get; } = catalogType;

    /// <summary>The catalog of <paramref name="assembly"/>, or null when it has no rubrics.</summary>
    public static SkillCatalog? Of(Assembly assembly) =>
        assembly.GetCustomAttribute<SkillCatalogAttribute>()?.CatalogType
            .GetProperty("Catalog", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as SkillCatalog;
}
