namespace MyApp.FlaskTests;

/// <summary>Stands in for your LLM app: replace <see cref="AnswerAsync"/> with a call to it.</summary>
public static class Assistant
{
    public static Task<string> AnswerAsync(string question, CancellationToken cancellationToken) => Task.FromResult(question switch
    {
        "Where is my parcel?" => "Your parcel left our warehouse this morning and should arrive tomorrow. Have a lovely day!",
        "How long does delivery take?" => "Standard delivery takes 3 to 5 working days.",
        "When is your support team available?" => "We are here Monday to Friday, from 9:00 to 17:00.",
        _ => "Sorry, I do not know that yet.",
    });
}
