using System;

namespace Flask.Testing.Xunit;

/// <summary>Names the assembly's <see cref="FlaskTestSetup"/>.</summary>
/// <param name="setupType">A <see cref="FlaskTestSetup"/> with a public parameterless constructor.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class FlaskTestSetupAttribute(Type setupType) : Attribute
{
    /// <summary>The setup type.</summary>
    public Type SetupType { get; } = setupType;
}
