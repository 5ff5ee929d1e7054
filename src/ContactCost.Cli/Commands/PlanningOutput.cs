using System.CommandLine;
using System.Globalization;
using ContactCost.Cli.Output;
using Spectre.Console;

namespace ContactCost.Cli.Commands;

/// <summary>What the planning commands (staff, tco, breakeven, roi, whatif) share: options, number formats and table shapes.</summary>
internal static class PlanningOutput
{
    /// <summary>The <c>--scenario FILE</c> option, required.</summary>
    public static Option<FileInfo> Scenario(string what) => new("--scenario")
    {
        Description = $"The {what} scenario file (JSON, see docs/planning.md).",
        Required = true,
        HelpName = "FILE",
    };

    /// <summary>
    /// A command that reads a scenario file, analyses it and prints JSON or tables: <c>ccost NAME --scenario FILE [--json]</c>,
    /// plus <paramref name="extra"/> options that <paramref name="alsoDo"/> may act on before the output.
    /// </summary>
    public static Command ScenarioCommand<T>(
        Terminal terminal,
        string name,
        string description,
        string what,
        Func<string, T> analyse,
        Func<T, object> toJson,
        Action<Terminal, T> writeTables,
        Option[]? extra = null,
        Func<ParseResult, T, CancellationToken, Task>? alsoDo = null)
    {
        var scenario = Scenario(what);
        var json = CommonOptions.Json();
        var command = new Command(name, description) { scenario };
        foreach (var option in extra ?? [])
            command.Options.Add(option);
        command.Options.Add(json);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var analysis = analyse(parse.GetValue(scenario)!.FullName);
            if (alsoDo is not null)
                await alsoDo(parse, analysis, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
                terminal.WriteJson(toJson(analysis));
            else
                writeTables(terminal, analysis);
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>A duration option written 30m, 180s, 1h (a bare number is seconds).</summary>
    public static Option<TimeSpan> Duration(string name, string description, TimeSpan? defaultValue = null)
    {
        var option = new Option<TimeSpan>(name)
        {
            Description = description,
            CustomParser = r => CommonOptions.TryParseDuration(r.Tokens.Single().Value, out var d)
                ? d
                : CommonOptions.Fail<TimeSpan>(r, $"{name} '{r.Tokens.Single().Value}' is not a duration: write 20s, 30m or 1h."),
            HelpName = "DURATION",
        };
        if (defaultValue is { } value)
            option.DefaultValueFactory = _ => value;
        else
            option.Required = true;
        return option;
    }

    /// <summary>An optional duration option.</summary>
    public static Option<TimeSpan?> OptionalDuration(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => CommonOptions.TryParseDuration(r.Tokens.Single().Value, out var d)
            ? d
            : CommonOptions.Fail<TimeSpan?>(r, $"{name} '{r.Tokens.Single().Value}' is not a duration: write 20s, 30m or 1h."),
        HelpName = "DURATION",
    };

    /// <summary>A fraction option checked to lie in (<paramref name="low"/>, <paramref name="high"/>) (bounds included when asked).</summary>
    public static Option<T> Fraction<T>(string name, string description, double low, double high, bool includeLow = false, bool includeHigh = false)
    {
        var option = new Option<T>(name) { Description = description, HelpName = "FRACTION" };
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 0)
                return;
            var value = Convert.ToDouble(r.GetValueOrDefault<T>(), CultureInfo.InvariantCulture);
            var ok = (includeLow ? value >= low : value > low) && (includeHigh ? value <= high : value < high);
            if (!ok)
                r.AddError($"{name} is a fraction {(includeLow ? "from" : "above")} {low.ToString(CultureInfo.InvariantCulture)} {(includeHigh ? "up to" : "below")} {high.ToString(CultureInfo.InvariantCulture)} (0.8 is 80%), not {r.Tokens[0].Value}.");
        });
        return option;
    }

    /// <summary>A fresh table in the house style.</summary>
    public static Table Table(string? title, params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
            table.Title(Markup.Escape(title));
        for (var i = 0; i < columns.Length; i++)
            table.AddColumn(i == 0 ? new TableColumn(Markup.Escape(columns[i])) : new TableColumn(Markup.Escape(columns[i])).RightAligned());
        return table;
    }

    /// <summary>Adds a row of plain text cells (escaped).</summary>
    public static void Row(Table table, params string[] cells) => table.AddRow(cells.Select(c => new Text(c)).ToArray());

    /// <summary>An amount with thousands separators and two decimals.</summary>
    public static string Amount(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>An amount of money with thousands separators, two decimals and its currency code.</summary>
    public static string Amount(Money value) => $"{Amount(value.Amount)} {value.Currency.Code}";

    /// <summary>A fraction as a percentage with one decimal.</summary>
    public static string Percent(double value) => double.IsFinite(value) ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>A number with <paramref name="decimals"/> decimals, or n/a when not finite.</summary>
    public static string Number(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "n/a";

    /// <summary>A double for JSON: rounded to <paramref name="decimals"/>, null when not finite.</summary>
    public static double? Json(double value, int decimals) => double.IsFinite(value) ? Math.Round(value, decimals) : null;
}
