using System;

namespace Flask.Testing.Xunit;

/// <summary>The run's FLASK scores regressed against the committed baseline; the message names the skills and tests.</summary>
public sealed class FlaskRegressionException : Exception
{
    /// <summary>Creates the exception from the gate's report.</summary>
    public FlaskRegressionException(GateReport report)
        : base(report?.Describe() + "\nIf the change is intended, update the baseline: FLASK_UPDATE_BASELINE=true dotnet test")
    {
        Report = report!;
    }

    /// <summary>The gate's report.</summary>
    public GateReport Report { get; }
}
