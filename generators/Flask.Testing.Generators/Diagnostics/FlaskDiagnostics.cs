namespace Flask.Testing.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the rubric generator and the skill-id analyzer report. IDs are stable: documented in
/// docs/rubrics.md and never reused for another meaning. Plain <see cref="DiagnosticRule"/>s, no Roslyn types: the CLI
/// shares this file and reports them without Microsoft.CodeAnalysis.
/// </summary>
internal static class FlaskDiagnostics
{
    private const string RubricCategory = "Flask.Rubrics";
    private const string UsageCategory = "Flask.Usage";
    private const string EvaluatorSetCategory = "Flask.EvaluatorSets";

    public static readonly DiagnosticRule InvalidYaml = Error(
        "FLASK001", "Rubric is not valid YAML", "Rubric is not valid YAML: {0}");

    public static readonly DiagnosticRule MissingField = Error(
        "FLASK002", "Required rubric field is missing or empty", "Rubric field '{0}' is required and must not be empty");

    public static readonly DiagnosticRule UnknownField = new(
        "FLASK003", "Unknown rubric field", "Unknown rubric field '{0}'{1}", RubricCategory,
        RuleSeverity.Warning,
        Description: "Known fields: id, name, ability, aliases, description, criteria, scoring.");

    public static readonly DiagnosticRule InvalidScoringLevels = Error(
        "FLASK004", "Scoring must define exactly the levels 1 to 5", "Scoring must define exactly the levels 1 to 5: {0}");

    public static readonly DiagnosticRule InvalidId = Error(
        "FLASK005", "Skill id is not a valid C# identifier", "Skill id '{0}' {1}");

    public static readonly DiagnosticRule DuplicateId = Error(
        "FLASK006", "Skill id is defined more than once", "Skill id '{0}' is also defined in {1}");

    public static readonly DiagnosticRule WrongFieldType = Error(
        "FLASK007", "Rubric field has the wrong type", "Rubric field '{0}' must be {1}");

    public static readonly DiagnosticRule ReplacesDefault = new(
        "FLASK008", "Rubric replaces a default FLASK rubric or a rubric library's", "Skill '{0}' from {1} replaces {2}",
        RubricCategory, RuleSeverity.Info);

    public static readonly DiagnosticRule AmbiguousName = Error(
        "FLASK009", "Two skills share a name or alias",
        "'{0}' names both skill '{1}' and skill '{2}', so a judge's answer could not be matched to one skill");

    public static readonly DiagnosticRule NotAMapping = Error(
        "FLASK010", "Rubric file must hold one YAML mapping", "A rubric file must hold exactly one YAML mapping (one skill per file): {0}");

    public static readonly DiagnosticRule InvalidNamespace = Error(
        "FLASK011", "FlaskSkillsNamespace is not a valid namespace",
        "FlaskSkillsNamespace '{0}' is not a valid C# namespace; the skills are generated in '{1}'");

    public static readonly DiagnosticRule ControlCharacter = Error(
        "FLASK012", "Rubric text contains a control character",
        "Rubric field '{0}' contains the control character {1} at character {2}; only tabs and line breaks are allowed");

    public static readonly DiagnosticRule LibraryConflict = new(
        "FLASK013", "Two rubric libraries define the same skill id",
        "Skill id '{0}' of the rubric library {1} ({2}) is also defined by the rubric library {3} ({4}); reference only one of the two packages, or add a rubric with this id to the project, which replaces both",
        RubricCategory, RuleSeverity.Error,
        Description: "A rubric library is a package whose rubrics a project gets with its PackageReference; two of them defining one skill would make the skill depend on package order.");

    public static readonly DiagnosticRule InvalidEvaluatorSet = new(
        "FLASK020", "Evaluator set file is invalid", "Evaluator set is invalid: {0}", EvaluatorSetCategory,
        RuleSeverity.Error,
        Description: "An evaluator set file holds one YAML mapping: name (a C# identifier), skills (a mapping of 1 to 12 skills to their minimum scores), and optionally requiresReference and description.");

    public static readonly DiagnosticRule UnknownEvaluatorSetField = new(
        "FLASK021", "Unknown evaluator set field", "Unknown evaluator set field '{0}'{1}", EvaluatorSetCategory,
        RuleSeverity.Warning,
        Description: "Known fields: name, description, requiresReference, skills.");

    public static readonly DiagnosticRule EvaluatorSetUnknownSkill = new(
        "FLASK022", "Evaluator set names an unknown skill", "Evaluator set '{0}' names no skill of this project's rubrics: '{1}'{2}",
        EvaluatorSetCategory, RuleSeverity.Error);

    public static readonly DiagnosticRule EvaluatorSetMinScore = new(
        "FLASK023", "Minimum score is outside 1 to 5", "The minimum score of '{0}' must be a number from 1 to 5, not '{1}'",
        EvaluatorSetCategory, RuleSeverity.Error,
        Description: "Below 1 every judged score passes, above 5 none does.");

    public static readonly DiagnosticRule EvaluatorSetDuplicate = new(
        "FLASK024", "Evaluator set name or skill is defined more than once", "'{0}' {1}",
        EvaluatorSetCategory, RuleSeverity.Error);

    public static readonly DiagnosticRule UnknownSkill = new(
        "FLASK100", "Unknown skill", "No rubric in this compilation defines skill '{0}'{1}", UsageCategory,
        RuleSeverity.Error,
        Description: "A skill id, name or alias passed to a [SkillId] parameter must name a skill of the project's rubrics.");

    public static readonly DiagnosticRule MinScoreOutOfRange = new(
        "FLASK101", "MinScore is outside 1 to 5", "MinScore {0} is outside the FLASK score scale 1 to 5: {1}", UsageCategory,
        RuleSeverity.Error,
        Description: "[FlaskSkill(..., MinScore = x)] needs 1 <= x <= 5: below 1 every judged score passes, above 5 none does.");

    private static DiagnosticRule Error(string id, string title, string message) =>
        new(id, title, message, RubricCategory, RuleSeverity.Error);
}
