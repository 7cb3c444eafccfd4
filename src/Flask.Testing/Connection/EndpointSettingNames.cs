namespace Flask.Testing;

/// <summary>
/// What a failure message calls an OpenAI-compatible endpoint and the settings a user changes to fix it: the judge's
/// <c>FLASK_JUDGE_*</c> variables by default; the CLI names its own options for the model under test.
/// </summary>
/// <param name="Subject">How the endpoint is named in a message, e.g. "The judge".</param>
/// <param name="Endpoint">The setting that holds its URL.</param>
/// <param name="Model">The setting that holds its model id.</param>
/// <param name="ApiKey">The setting that holds its API key.</param>
internal sealed record EndpointSettingNames(string Subject, string Endpoint, string Model, string ApiKey)
{
    /// <summary>The judge, configured by the <c>FLASK_JUDGE_*</c> variables.</summary>
    public static EndpointSettingNames Judge { get; } = new("The judge", FlaskJudgeSettings.EndpointVariable, FlaskJudgeSettings.ModelVariable, FlaskJudgeSettings.ApiKeyVariable);
}
