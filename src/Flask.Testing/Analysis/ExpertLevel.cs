namespace Flask.Testing.Analysis;

/// <summary>
/// What the reports' "hard" section covers, said precisely: results whose instance is annotated expert level knowledge
/// (difficulty 5). On FLASK's main set those are 186 of its 1,740 instances; FLASK-HARD is 89 of them (88 found in the
/// main set by their instruction), a separate file with its own ids.
/// </summary>
internal static class ExpertLevel
{
    public const string Title = "Expert level knowledge (difficulty 5)";

    public const string Note =
        "Results whose instance is annotated \"expert level knowledge\": on FLASK's main set, its 186 expert-level instances. " +
        "FLASK-HARD's 89 instances are a subset of them; to judge exactly those, bench `flask_hard_evaluation.jsonl`.";
}
