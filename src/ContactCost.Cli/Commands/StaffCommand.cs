using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Costing;
using ContactCost.Formats.CostModels;
using ContactCost.Formats.Planning;
using ContactCost.Interactions;
using ContactCost.Staffing;
using static ContactCost.Cli.Commands.PlanningOutput;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost staff</c>: agents needed for a volume (Erlang C, or Erlang A with patience), for one interval or a forecast.</summary>
internal static class StaffCommand
{
    /// <summary>The JSON of one staffing answer: the inputs, then the result.</summary>
    public sealed record Json(
        string Model,
        double Volume,
        double IntervalSeconds,
        double AhtSeconds,
        double Target,
        double AnswerWithinSeconds,
        double? MaxOccupancy,
        decimal? Shrinkage,
        double? PatienceSeconds,
        double? MaxAbandon,
        int Agents,
        double Erlangs,
        double? ServiceLevel,
        double? AsaSeconds,
        double? Occupancy,
        double? ProbabilityOfWaiting,
        int? ScheduledAgents,
        double? ProbabilityOfAbandon);

    /// <summary>The JSON of a forecast: one row per interval and channel, and the totals.</summary>
    public sealed record ForecastJson(string Model, string? Currency, IReadOnlyList<IntervalJson> Intervals, double ScheduledHours, decimal? StaffCost, int Rejected);

    /// <summary>One interval and channel of a forecast.</summary>
    public sealed record IntervalJson(
        DateTimeOffset IntervalStart,
        string Channel,
        double Volume,
        double AhtSeconds,
        double Erlangs,
        int Agents,
        int Scheduled,
        double? ServiceLevel,
        double? AsaSeconds,
        double? Occupancy,
        double? ProbabilityOfAbandon,
        decimal? StaffCost);

    public static Command Create(Terminal terminal)
    {
        var volume = new Option<double?>("--volume") { Description = "Contacts arriving in the interval (required without --forecast).", HelpName = "N" };
        volume.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } v && (!(v >= 0) || v > 1e9))
                r.AddError($"--volume is a number of contacts from 0 to 1,000,000,000, not {r.Tokens[0].Value}.");
        });
        var interval = Duration("--interval", "The length of the interval the volume arrives in: 15m, 30m, 1h. Default: 30m", TimeSpan.FromMinutes(30));
        var aht = OptionalDuration("--aht", "Average handle time (talk + hold + wrap): 180s, 3m (required without --forecast).");
        var target = Fraction<double>("--target", "The share of contacts to answer in time (0.8 is 80%).", 0, 1);
        target.Required = true;
        var within = Duration("--answer-within", "The time they must be answered in: 20s.");
        var maxOccupancy = Fraction<double?>("--max-occupancy", "Staff so that agents are busy at most this share of the time (0.85).", 0, 1, includeHigh: true);
        var shrinkage = Fraction<decimal?>("--shrinkage", "Paid time not available for contacts (breaks, training): 0.3 schedules agents / 0.7.", 0, 1, includeLow: true);
        var patience = OptionalDuration("--patience", "Callers' mean patience: use Erlang A, where callers hang up after waiting this long on average.");
        var maxAbandon = Fraction<double?>("--max-abandon", "With --patience: staff so that at most this share of callers hang up (0.02).", 0, 1);
        var forecast = new Option<FileInfo?>("--forecast") { Description = "A forecast CSV (interval_start, channel, volume, aht_s): staff every interval and channel.", HelpName = "FILE" };
        var costModel = new Option<FileInfo?>("--costmodel") { Description = "With --forecast: a cost-model JSON whose agent groups' wages price the scheduled hours.", HelpName = "FILE" };
        var json = CommonOptions.Json();
        var command = new Command("staff",
            "Agents needed to answer a volume to a service-level goal: Erlang C, or Erlang A when callers abandon (--patience). " +
            "With --forecast, for every interval and channel of a forecast, and with --costmodel what the scheduled hours cost.")
        {
            volume, interval, aht, target, within, maxOccupancy, shrinkage, patience, maxAbandon, forecast, costModel, json,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(forecast) is null && (r.GetResult(volume) is null || r.GetResult(aht) is null))
                r.AddError("Give --volume and --aht, or a --forecast file.");
            if (r.GetResult(costModel) is not null && r.GetResult(forecast) is null)
                r.AddError("--costmodel prices a --forecast; give both.");
            if (r.GetResult(maxAbandon) is not null && r.GetResult(patience) is null)
                r.AddError("--max-abandon needs --patience: without it nobody abandons (Erlang C).");
        });
        command.SetAction(parse =>
        {
            // With --forecast the volume and AHT come from each row; the template carries only the goals.
            var template = new StaffingRequest(
                new Traffic(parse.GetValue(volume) ?? 0, parse.GetValue(interval), parse.GetValue(aht) ?? TimeSpan.FromSeconds(1)),
                new ServiceLevelTarget(parse.GetValue(target), parse.GetValue(within)))
            {
                MaxOccupancy = parse.GetValue(maxOccupancy),
                Shrinkage = parse.GetValue(shrinkage),
                Patience = parse.GetValue(patience),
                MaxAbandon = parse.GetValue(maxAbandon),
            };
            if (parse.GetValue(forecast) is { } file)
                return Forecast(terminal, template, file.FullName, parse.GetValue(costModel)?.FullName, parse.GetValue(json));

            var result = StaffingResult.Solve(template);
            if (parse.GetValue(json))
                terminal.WriteJson(ToJson(result));
            else
                WriteOne(terminal, result);
            return ExitCode.Ok;
        });
        return command;
    }

    private static string ModelName(StaffingRequest request) => request.Patience is null ? "erlang-c" : "erlang-a";

    /// <summary>The JSON <c>ccost staff --json</c> prints for one answer.</summary>
    public static Json ToJson(StaffingResult result)
    {
        var r = result.Request;
        var q = result.Performance;
        return new Json(
            ModelName(r), r.Traffic.Volume, r.Traffic.Interval.TotalSeconds, r.Traffic.HandleTime.TotalSeconds, r.Target.Fraction,
            r.Target.AnswerWithin.TotalSeconds, r.MaxOccupancy, r.Shrinkage, r.Patience?.TotalSeconds, r.MaxAbandon,
            result.Agents, PlanningOutput.Json(result.Erlangs, 6) ?? 0, PlanningOutput.Json(q.ServiceLevel, 6), PlanningOutput.Json(q.AverageSpeedOfAnswerSeconds, 3),
            PlanningOutput.Json(q.Occupancy, 6), PlanningOutput.Json(q.ProbabilityOfWaiting, 6), result.ScheduledAgents,
            r.Patience is null ? null : PlanningOutput.Json(q.ProbabilityOfAbandon, 6));
    }

    private static void WriteOne(Terminal terminal, StaffingResult result)
    {
        var r = result.Request;
        var q = result.Performance;
        terminal.Out.WriteLine(
            $"Staffing, {(r.Patience is null ? "Erlang C" : $"Erlang A (mean patience {r.Patience.Value.TotalSeconds:0} s)")}: " +
            $"{r.Traffic.Volume:0.##} contacts in {r.Traffic.Interval.TotalMinutes:0.##} min, AHT {r.Traffic.HandleTime.TotalSeconds:0.#} s, " +
            $"goal {Percent(r.Target.Fraction)} in {r.Target.AnswerWithin.TotalSeconds:0.#} s");
        var table = Table(null, "Measure", "Value");
        Row(table, "Offered load (erlangs)", Number(result.Erlangs, 2));
        Row(table, "Agents", $"{result.Agents}");
        if (result.ScheduledAgents is { } scheduled)
            Row(table, $"Scheduled (shrinkage {Percent((double)r.Shrinkage!.Value)})", $"{scheduled}");
        Row(table, "Service level", Percent(q.ServiceLevel));
        Row(table, "Average speed of answer", $"{Number(q.AverageSpeedOfAnswerSeconds, 1)} s");
        Row(table, "Occupancy", Percent(q.Occupancy));
        Row(table, "Probability of waiting", Percent(q.ProbabilityOfWaiting));
        if (r.Patience is not null)
            Row(table, "Probability of abandon", Percent(q.ProbabilityOfAbandon));
        terminal.Console.Write(table);
        if (result.Agents > 0)
        {
            var fewer = StaffingResult.Evaluate(r, result.Agents - 1);
            terminal.Out.WriteLine($"With {result.Agents - 1} agents: service level {Percent(fewer.ServiceLevel)}, occupancy {Percent(fewer.Occupancy)}.");
        }
    }

    private static int Forecast(Terminal terminal, StaffingRequest template, string path, string? costModelPath, bool json)
    {
        var model = costModelPath is null ? null : CostModelJson.ReadFile(costModelPath);
        var rows = new List<ForecastInterval>();
        var rejected = 0;
        foreach (var read in ForecastCsvReader.ReadFile(path))
        {
            if (read.Item is { } item)
            {
                rows.Add(item);
            }
            else
            {
                rejected++;
                terminal.Note($"ccost: rejected {read.Rejection}");
            }
        }

        var plan = IntervalStaffing.Plan(rows, template.Traffic.Interval, template, model);
        var hours = plan.Sum(p => p.Scheduled * template.Traffic.Interval.TotalHours);
        Money? cost = model is null ? null : plan.Select(p => p.StaffCost ?? Money.Zero(model.Currency)).Sum(model.Currency);
        var missingGroups = model is null ? [] : plan.Where(p => p.StaffCost is null).Select(p => p.Forecast.Channel).Distinct().ToArray();
        if (json)
        {
            terminal.WriteJson(new ForecastJson(ModelName(template), model?.Currency.Code,
                plan.Select(p => new IntervalJson(p.Forecast.Start, p.Forecast.Channel.Name(), p.Forecast.Volume, p.Forecast.HandleTime.TotalSeconds,
                    PlanningOutput.Json(p.Result.Erlangs, 4) ?? 0, p.Result.Agents, p.Scheduled, PlanningOutput.Json(p.Result.Performance.ServiceLevel, 6),
                    PlanningOutput.Json(p.Result.Performance.AverageSpeedOfAnswerSeconds, 3), PlanningOutput.Json(p.Result.Performance.Occupancy, 6),
                    template.Patience is null ? null : PlanningOutput.Json(p.Result.Performance.ProbabilityOfAbandon, 6), p.StaffCost?.Amount)).ToArray(),
                Math.Round(hours, 4), cost?.Amount, rejected));
        }
        else
        {
            var columns = new List<string> { "Interval", "Channel", "Volume", "AHT (s)", "Erlangs", "Agents", "Scheduled", "Service level", "ASA (s)", "Occupancy" };
            if (model is not null)
                columns.Add($"Staff cost ({model.Currency.Code})");
            var table = Table($"Staffing by interval ({(template.Patience is null ? "Erlang C" : "Erlang A")}, goal {Percent(template.Target.Fraction)} in {template.Target.AnswerWithin.TotalSeconds:0.#} s)", [.. columns]);
            foreach (var p in plan)
            {
                var cells = new List<string>
                {
                    p.Forecast.Start.ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture), p.Forecast.Channel.Name(),
                    Number(p.Forecast.Volume, 0), Number(p.Forecast.HandleTime.TotalSeconds, 0), Number(p.Result.Erlangs, 2), $"{p.Result.Agents}", $"{p.Scheduled}",
                    Percent(p.Result.Performance.ServiceLevel), Number(p.Result.Performance.AverageSpeedOfAnswerSeconds, 1), Percent(p.Result.Performance.Occupancy),
                };
                if (model is not null)
                    cells.Add(p.StaffCost is { } c ? Amount(c.Amount) : "no group");
                Row(table, [.. cells]);
            }

            terminal.Console.Write(table);
            terminal.Out.WriteLine($"{plan.Count} intervals: {hours:N1} scheduled agent hours" + (cost is { } total ? $", staff cost {Amount(total)}." : "."));
        }

        if (missingGroups.Length > 0)
            terminal.Note($"No agent group of the cost model works {string.Join(", ", missingGroups.Select(c => c.Name()))}; those rows have no staff cost.");
        if (rejected > 0)
        {
            terminal.Note($"{rejected} forecast rows were rejected; the others were staffed.");
            return ExitCode.RejectedInput;
        }

        return ExitCode.Ok;
    }
}
