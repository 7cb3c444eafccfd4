using System;
using System.Globalization;
using System.Linq;
using Flask.Testing.Generators.Model;

namespace Flask.Testing.Generators.Diagnostics;

/// <summary>
/// One FLASKnnn diagnostic as plain values, with no Roslyn type: the rubric parser and resolver are shared as source
/// with the CLI, which reads rubrics at run time without Microsoft.CodeAnalysis. The generator and the analyzers turn a
/// rule into Roslyn's <c>DiagnosticDescriptor</c> at their edge (<c>RoslynDiagnostics</c>).
/// </summary>
/// <param name="Id">The stable FLASKnnn id.</param>
/// <param name="Title">The short title.</param>
/// <param name="MessageFormat">The message, with <c>{0}</c>… for its arguments.</param>
/// <param name="Category">The category (Flask.Rubrics, Flask.EvaluatorSets, Flask.Usage).</param>
/// <param name="Severity">The severity it is reported with.</param>
/// <param name="Description">The longer description, or empty.</param>
internal sealed record DiagnosticRule(string Id, string Title, string MessageFormat, string Category, RuleSeverity Severity, string Description = "")
{
    /// <summary>
    /// The message for <paramref name="arguments"/>, formatted as Roslyn's <c>Diagnostic.GetMessage</c> formats it
    /// (invariant culture; the bare format when there are no arguments or too few for it).
    /// </summary>
    public string Format(EquatableArray<string> arguments)
    {
        if (arguments.Count == 0)
            return MessageFormat;
        try
        {
            return string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments.Cast<object>().ToArray());
        }
        catch (FormatException)
        {
            return MessageFormat;
        }
    }
}
