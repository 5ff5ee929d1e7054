namespace ContactCost.Cli;

/// <summary>A command cannot go on; the message tells the user what to do. Printed without a stack trace, exit code 1.</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
