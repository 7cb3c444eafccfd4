namespace Flask.Testing;

/// <summary>FLASK's ten instruction domains (the paper's Table 7). <see cref="FlaskLabels"/> converts to and from FLASK's labels.</summary>
public enum FlaskDomain
{
    /// <summary>Humanities: communication, education, religion, psychology, philosophy, ethics.</summary>
    Humanities,
    /// <summary>Language: poetry, literature.</summary>
    Language,
    /// <summary>Culture: art, sports, mass media, music, food.</summary>
    Culture,
    /// <summary>Health: healthcare, medicine, exercise, nutrition.</summary>
    Health,
    /// <summary>History.</summary>
    History,
    /// <summary>Natural Science: biology, earth science, nature, astronomy, chemistry, physics.</summary>
    NaturalScience,
    /// <summary>Math: mathematics, logic, statistics.</summary>
    Math,
    /// <summary>Social Science: business, finance, economics, law, politics.</summary>
    SocialScience,
    /// <summary>Technology: agriculture, marketing, management, electronics, engineering.</summary>
    Technology,
    /// <summary>Coding.</summary>
    Coding,
}
