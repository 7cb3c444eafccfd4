using System.Globalization;
using Xunit.Sdk;
using Xunit.v3;

namespace Flask.Testing.Xunit;

/// <summary>
/// The stable id of a test's results and baseline entry: test class, method and data row (the arguments, a FLASK case
/// by its id), whatever the display name says. It is the display name xUnit gives by default (methodDisplay
/// classAndMethod, no DisplayName), so baselines recorded that way keep pairing; a custom display name no longer
/// unpairs a baseline.
/// </summary>
internal static class FlaskTestId
{
    public static string Of(IXunitTest test)
    {
        string name = $"{test.TestCase.TestClassName}.{test.TestCase.TestMethodName}";
        if (test.TestMethodArguments.Length == 0)
            return name;
        // Arguments formatted the same on every machine.
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return test.TestMethod.Method.GetDisplayNameWithArguments(name, test.TestMethodArguments, null);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
