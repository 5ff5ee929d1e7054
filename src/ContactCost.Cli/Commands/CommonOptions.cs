using System.CommandLine;
using ContactCost.Periods;
using ContactCost.Storage;
using ContactCost.Storage.Sqlite;
using ContactCost.Tenants;

namespace ContactCost.Cli.Commands;

/// <summary>Options several commands share, so they are spelled and explained the same everywhere.</summary>
internal static class CommonOptions
{
    public const string DefaultDatabase = "contactcost.db";

    public static Option<string> Database() => new("--db")
    {
        Description = $"The embedded store file (SQLite). Created when missing. Default: ./{DefaultDatabase}",
        DefaultValueFactory = _ => DefaultDatabase,
        HelpName = "PATH",
    };

    public static Option<TenantId> Tenant() => new("--tenant")
    {
        Description = "Whose data: every record belongs to one tenant. Default: default",
        DefaultValueFactory = _ => TenantId.Default,
        CustomParser = result => TenantId.TryParse(result.Tokens.Single().Value, out var id)
            ? id
            : Fail<TenantId>(result, $"'{result.Tokens.Single().Value}' is not a tenant id: use lower-case letters, digits, '.', '_' or '-'."),
        HelpName = "ID",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write machine-readable JSON (camelCase) to standard output instead of tables.",
    };

    /// <summary>A billing month option (<c>yyyy-MM</c>), refusing any other kind of period.</summary>
    public static Option<ReportingPeriod> Month(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => ReportingPeriod.TryParse(r.Tokens.Single().Value, out var p) && p.Kind == PeriodKind.Month
            ? p
            : Fail<ReportingPeriod>(r, $"'{r.Tokens.Single().Value}' is not a billing month: write yyyy-MM, e.g. 2026-10."),
        HelpName = "MONTH",
    };

    /// <summary>Parses a period option's value (<see cref="ReportingPeriod.Forms"/>), naming the forms when it is none of them.</summary>
    public static ReportingPeriod ParsePeriod(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        return ReportingPeriod.TryParse(text, out var period) ? period : Fail<ReportingPeriod>(result, NotAPeriod(text));
    }

    /// <summary>The message for a value that is not a period.</summary>
    public static string NotAPeriod(string text) => $"'{text}' is not a period: write {ReportingPeriod.Forms}.";

    /// <summary>Reads a duration written <c>300s</c>, <c>5m</c>, <c>2h</c> or <c>1d</c> (a bare number is seconds).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var unit = text.Length > 0 && char.IsAsciiLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var number = char.IsAsciiLetter(text.Length > 0 ? text[^1] : ' ') ? text[..^1] : text;
        if (!decimal.TryParse(number, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
            return false;
        double? seconds = unit switch
        {
            's' => (double)value,
            'm' => (double)value * 60,
            'h' => (double)value * 3600,
            'd' => (double)value * 86400,
            _ => null,
        };
        if (seconds is not { } s || s <= 0 || s > TimeSpan.MaxValue.TotalSeconds / 2)
            return false;
        duration = TimeSpan.FromSeconds(s);
        return true;
    }

    /// <summary>Opens the store the command line names.</summary>
    public static async Task<IStore> OpenStoreAsync(ParseResult parse, Option<string> database, CancellationToken cancellationToken) =>
        await SqliteStore.OpenAsync(parse.GetValue(database)!, cancellationToken).ConfigureAwait(false);

    public static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
