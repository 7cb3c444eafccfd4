using System;

namespace Flask.Testing;

/// <summary>
/// Marks a string parameter or property that takes a skill id, name or alias. The Flask.Testing analyzer checks
/// constant arguments against the rubrics of the compilation and reports an unknown one (FLASK100) at build time.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, Inherited = false)]
public sealed class SkillIdAttribute : Attribute;
