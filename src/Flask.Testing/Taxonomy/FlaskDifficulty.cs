namespace Flask.Testing;

/// <summary>FLASK's five difficulty levels, by the knowledge an instruction needs. Level 5 makes up FLASK-HARD.</summary>
public enum FlaskDifficulty
{
    /// <summary>Level 1: simple lifestyle knowledge.</summary>
    SimpleLifestyleKnowledge = 1,
    /// <summary>Level 2: advanced lifestyle knowledge.</summary>
    AdvancedLifestyleKnowledge = 2,
    /// <summary>Level 3: formal education knowledge.</summary>
    FormalEducationKnowledge = 3,
    /// <summary>Level 4: major level knowledge.</summary>
    MajorLevelKnowledge = 4,
    /// <summary>Level 5: expert level knowledge.</summary>
    ExpertLevelKnowledge = 5,
}
