using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace ContactCost.Cli.Output;

/// <summary>
/// The world a command sees: standard output for results (tables or JSON), standard error for
/// messages, a progress bar only when a person is watching a real terminal, and the clock. Tests
/// pass string writers and a clock of their own instead of the process's.
/// </summary>
internal sealed class Terminal
{
    /// <summary>The options of every <c>--json</c> output: camelCase, indented, kebab-case enums, nulls left out.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Terminal(TextWriter output, TextWriter error, bool interactive, TimeProvider? clock = null)
    {
        Out = output;
        Error = error;
        Interactive = interactive;
        Clock = clock ?? TimeProvider.System;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!interactive)
            Console.Profile.Width = 160; // no terminal to measure: wide enough that tables never wrap
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>What time it is (wallet expiries, reservation time-to-live).</summary>
    public TimeProvider Clock { get; }

    /// <summary>True when standard output is a terminal a person watches.</summary>
    public bool Interactive { get; }

    /// <summary>Tables and styled text on standard output.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>The process's own streams.</summary>
    public static Terminal ForProcess() =>
        new(System.Console.Out, System.Console.Error, !System.Console.IsOutputRedirected);

    public void WriteJson<T>(T value)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
        Out.Flush();
    }

    /// <summary>A message for the person (never the machine-readable result): standard error.</summary>
    public void Note(string message) => Error.WriteLine(message);

    /// <summary>
    /// Runs <paramref name="work"/>, showing a progress bar on a terminal. The work reports how far
    /// it got (in units of <paramref name="total"/>, or as a count when the total is unknown).
    /// </summary>
    public async Task<T> WithProgressAsync<T>(string description, long? total, Func<IProgress<long>, Task<T>> work)
    {
        if (!Interactive)
            return await work(new Progress<long>(_ => { })).ConfigureAwait(false);

        return await Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: total ?? 1);
                task.IsIndeterminate = total is null;
                var progress = new SynchronousProgress(done => task.Value = total is null ? 0 : done);
                var result = await work(progress).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return result;
            }).ConfigureAwait(false);
    }

    // Progress<T> posts to a captured context; the bar only needs the latest value, set in place.
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
