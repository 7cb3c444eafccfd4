using System;
using System.Collections.Generic;
using System.Globalization;

namespace Flask.Testing.Generators.Parse;

/// <summary>
/// C#'s rules for the names a rubric or evaluator set declares, without Roslyn: the CLI reads rubrics with the same
/// parser at run time and carries no compiler. The same answers as Roslyn's <c>SyntaxFacts.IsValidIdentifier</c>,
/// <c>GetKeywordKind</c> and <c>GetContextualKeywordKind</c> of the compiler in the .NET 10 SDK (5.9), which also
/// knows <c>closed</c>, <c>safe</c> and <c>union</c>; a test compares them with the Roslyn the repository references.
/// </summary>
internal static class CSharpNames
{
    /// <summary>The reserved keywords: never an identifier, not even in a namespace.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "__arglist", "__makeref", "__reftype", "__refvalue", "abstract", "as", "base", "bool", "break", "byte", "case",
        "catch", "char", "checked", "class", "const", "continue", "decimal", "default", "delegate", "do", "double", "else",
        "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if",
        "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object",
        "operator", "out", "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte",
        "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try",
        "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>The contextual keywords (and <c>_</c>, <c>var</c>): identifiers in most places, but confusing as a skill's name.</summary>
    private static readonly HashSet<string> Contextual = new(StringComparer.Ordinal)
    {
        "_", "add", "alias", "allows", "and", "ascending", "assembly", "async", "await", "by", "closed", "descending",
        "equals", "extension", "field", "file", "from", "get", "global", "group", "init", "into", "join", "let", "managed",
        "method", "module", "nameof", "not", "on", "or", "orderby", "param", "partial", "property", "record", "remove",
        "required", "safe", "scoped", "select", "set", "type", "typevar", "union", "unmanaged", "var", "when", "where",
        "with", "yield",
    };

    /// <summary>Whether <paramref name="name"/> is a reserved C# keyword.</summary>
    public static bool IsReservedKeyword(string name) => Reserved.Contains(name);

    /// <summary>Whether <paramref name="name"/> is a reserved or a contextual C# keyword.</summary>
    public static bool IsKeyword(string name) => Reserved.Contains(name) || Contextual.Contains(name);

    /// <summary>
    /// Whether <paramref name="name"/> is an identifier as C# spells one: a letter or '_', then letters, digits, '_',
    /// combining marks and formatting characters (Unicode categories, as the compiler checks them).
    /// </summary>
    public static bool IsValidIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name) || !IsIdentifierStart(name![0]))
            return false;
        for (int i = 1; i < name.Length; i++)
        {
            if (!IsIdentifierPart(name[i]))
                return false;
        }
        return true;
    }

    private static bool IsIdentifierStart(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_'
        || (c > '\u007F' && IsLetter(CharUnicodeInfo.GetUnicodeCategory(c)));

    private static bool IsIdentifierPart(char c)
    {
        if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')
            return true;
        if (c <= '\u007F')
            return false;
        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
        return IsLetter(category) || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format;
    }

    private static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
}
