namespace ContactCost.Cli;

/// <summary>The exit codes of <c>ccost</c>, part of its contract with scripts.</summary>
internal static class ExitCode
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Anything else went wrong; the message says what.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;

    /// <summary>Input had rejected rows; the good rows were kept.</summary>
    public const int RejectedInput = 3;
}
