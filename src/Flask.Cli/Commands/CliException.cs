using System;

namespace Flask.Cli.Commands;

/// <summary>A problem with what the user asked for: shown as a message, exit code 2, no stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
