using System.CommandLine;
using ContactCost.Cli.Commands;
using ContactCost.Cli.Output;
using ContactCost.Formats.Documents;
using ContactCost.Formats.Import;
using ContactCost.Storage;

namespace ContactCost.Cli;

/// <summary>
/// The <c>ccost</c> command line: builds the command tree, runs one command, and turns every
/// failure into a message and an exit code (0 ok, 1 failure, 2 bad usage, 3 rejected input).
/// </summary>
internal static class Cli
{
    public static RootCommand BuildRoot(Terminal terminal)
    {
        var root = new RootCommand(
            "ContactCost: meter what an omnichannel contact center consumes, charge it pay-per-use, " +
            "and tell what every contact really costs.")
        {
            DemoCommand.Create(terminal),
            GenerateCommand.Create(terminal),
            ImportCommand.Create(terminal),
            PriceBookCommand.Create(terminal),
            CostModelCommand.Create(terminal),
            TenantCommand.Create(terminal),
            RateCommand.Create(terminal),
            InvoiceCommand.Create(terminal),
            WalletCommand.Create(terminal),
            ReportCommand.Create(terminal),
            StaffCommand.Create(terminal),
            TcoCommand.Create(terminal),
            RoiCommand.Create(terminal),
            BreakEvenCommand.Create(terminal),
            WhatIfCommand.Create(terminal),
            ServeCommand.Create(terminal),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, Terminal terminal, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(terminal);
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            // A value parser that throws is still a bad command line, never a crash.
            terminal.Error.WriteLine($"ccost: {e.Message}");
            return ExitCode.Usage;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                terminal.Error.WriteLine($"ccost: {error.Message}");
            terminal.Error.WriteLine($"Run 'ccost {string.Join(' ', CommandPath(parse))} --help' for usage.");
            return ExitCode.Usage;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = terminal.Out,
                Error = terminal.Error,
                EnableDefaultExceptionHandler = false,
            };
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            terminal.Error.WriteLine("ccost: cancelled; work committed before the cancel is kept, and running the command again resumes it.");
            return ExitCode.Failure;
        }
        catch (InputFormatException e)
        {
            terminal.Error.WriteLine($"ccost: {e.Message}");
            return ExitCode.RejectedInput;
        }
        catch (Exception e) when (e is CommandFailedException or DocumentException or StoreException)
        {
            terminal.Error.WriteLine($"ccost: {e.Message}");
            return ExitCode.Failure;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            terminal.Error.WriteLine($"ccost: {e.Message}");
            return ExitCode.Failure;
        }
        catch (Exception e)
        {
            // Nothing escapes as a crash: say what happened, and show the details only when asked.
            terminal.Error.WriteLine($"ccost: unexpected error ({e.GetType().Name}): {e.Message}");
            if (Environment.GetEnvironmentVariable("CCOST_DEBUG") == "1")
                terminal.Error.WriteLine(e.ToString());
            else
                terminal.Error.WriteLine("Set CCOST_DEBUG=1 to see the details, and please report it with them.");
            return ExitCode.Failure;
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            names.Push(result.Command.Name);
        return names;
    }
}
