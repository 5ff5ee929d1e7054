using System.Globalization;
using System.Text;
using ContactCost.Interactions;
using ContactCost.Rating;

namespace ContactCost.Compare;

/// <summary>
/// The SQL a DuckDB user would write for ccost's usage per channel: each per-unit charge of the
/// price book turned into one column of a single scan over <c>read_csv</c>, grouped by channel.
/// </summary>
/// <remarks>
/// It mirrors <see cref="Rater"/> and <see cref="Meters.Read"/>: voice quantities are the started
/// seconds from start to end (wait + talk + hold without an end); messages count <c>units</c>, or 1;
/// sessions count 1. Billing increments apply per item (zero stays zero, up to the minimum bills
/// the minimum, the rest rounds up to whole increments). A connect fee goes on every item with
/// billed usage. ccost rounds a charge's lines with a carry so that a billing month's lines add up
/// to its exact total rounded half-up once; the SQL rounds each charge's monthly total half-up to
/// the cent, which is the same figure. DuckDB divides decimals in floating point, so amounts are
/// summed as exact integers (micro-units times <c>per</c>) and divided once, in integers, at the end.
/// Charge models that depend on order (tiers, allowances, packages), destination or time-of-day
/// prices and meters that span channels are refused rather than approximated.
/// </remarks>
internal static class PricingSql
{
    // Unit prices and connect fees are written with at most six decimals in the books this runs.
    private const long MicroUnits = 1_000_000;

    /// <summary>The query: one row per channel with its usage in minor units (cents), for starts in [from, to).</summary>
    public static string UsageByChannel(string csv, PriceBook book, DateTimeOffset from, DateTimeOffset to)
    {
        if (book.Rounding != RoundingMode.HalfUp)
            throw new NotSupportedException($"The SQL rounds half-up; the price book rounds {book.Rounding}.");
        var charges = book.Charges.Where(c => c.Meter is { } m && m.IsPerInteraction()).ToArray();
        var minorPerMicro = MicroUnits / Pow10(book.Currency.MinorDigits);

        var columns = new StringBuilder();
        var cents = new StringBuilder();
        foreach (var charge in charges)
        {
            var name = "c_" + new string(charge.Id.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_').ToArray());
            var model = charge.Model as PerUnitModel ?? throw Unsupported(charge, $"the {charge.Model.Name} model");
            if (model.Allowance > 0m || model.Destinations is not null || model.Windows.Count > 0)
                throw Unsupported(charge, "allowances, destination prices and time windows");
            var per = Whole(model.Per, charge, "per");
            var billed = Billed(Quantity(charge), model.Increment, charge);

            // The exact amount times per, in micro-units: billed * unitPrice + connectFee * per when billed.
            columns.Append(CultureInfo.InvariantCulture,
                $"""
                    sum(CASE WHEN {Condition(charge)} THEN {billed} * {Micro(model.UnitPrice, charge)} + CASE WHEN {billed} > 0 THEN {Micro(model.ConnectFee, charge) * per} ELSE 0 END ELSE 0 END) AS {name},

                """);
            // Half-up of sum / den in integers (sums are never negative): (2 * sum + den) // (2 * den).
            var den = per * minorPerMicro;
            cents.Append(CultureInfo.InvariantCulture, $"    + (2 * {name} + {den}) // {2 * den}\n");
        }

        return string.Create(CultureInfo.InvariantCulture, $"""
            WITH interactions AS (
                SELECT lower(trim(channel)) AS channel,
                       CASE WHEN lower(trim(coalesce(direction, ''))) IN ('outbound', 'out') THEN 'outbound' ELSE 'inbound' END AS direction,
                       queue,
                       -- Started seconds: a call of 61.2 s has used 62.
                       CASE WHEN "end" IS NOT NULL THEN (epoch_us("end") - epoch_us(start) + 999999) // 1000000
                            ELSE CAST(ceil(coalesce(wait_s, 0) + coalesce(talk_s, 0) + coalesce(hold_s, 0)) AS BIGINT) END AS seconds,
                       coalesce(units, 1) AS units
                FROM read_csv('{csv.Replace("'", "''", StringComparison.Ordinal)}', header = true,
                              types = {"{"}'start': 'TIMESTAMPTZ', 'end': 'TIMESTAMPTZ', 'units': 'BIGINT', 'wait_s': 'DOUBLE',
                                       'talk_s': 'DOUBLE', 'hold_s': 'DOUBLE', 'channel': 'VARCHAR', 'direction': 'VARCHAR', 'queue': 'VARCHAR'{"}"})
                WHERE start >= TIMESTAMPTZ '{Utc(from)}' AND start < TIMESTAMPTZ '{Utc(to)}'
            ),
            per_channel AS (
                SELECT channel,
                    count(*) AS contacts,
            {columns.ToString().TrimEnd().TrimEnd(',')}
                FROM interactions
                GROUP BY channel
            )
            SELECT channel, contacts, CAST(0
            {cents}    AS BIGINT) AS usage_minor
            FROM per_channel
            ORDER BY channel
            """);
    }

    // What one item of the charge's channel consumed, as Meters.Read counts it.
    private static string Quantity(Charge charge) => charge.Meter!.Value switch
    {
        Meter.VoiceSeconds or Meter.VideoSeconds or Meter.SelfServiceSeconds => "seconds",
        Meter.SmsSegments or Meter.MmsMessages or Meter.EmailMessages => "units",
        Meter.ChatSessions or Meter.SocialInteractions or Meter.SelfServiceSessions => "1",
        var other => throw Unsupported(charge, $"the meter {other.Name()}"),
    };

    // BillingIncrement.Apply in integers: zero stays zero, up to the minimum bills the minimum, the rest rounds up.
    private static string Billed(string quantity, BillingIncrement increment, Charge charge)
    {
        var minimum = Whole(increment.Minimum, charge, "minimum");
        var step = Whole(increment.Increment, charge, "increment");
        var above = step == 0 ? $"{quantity}" : $"{minimum} + ({quantity} - {minimum} + {step - 1}) // {step} * {step}";
        return $"(CASE WHEN {quantity} <= 0 THEN 0 WHEN {quantity} <= {minimum} THEN {minimum} ELSE {above} END)";
    }

    // The meter's channel and the charge's filter.
    private static string Condition(Charge charge)
    {
        var filter = charge.Filter;
        var channel = charge.Meter!.Value.ChannelOf() ?? throw Unsupported(charge, "a meter of every channel");
        if (filter.Channel is { } only && only != channel)
            return "false";
        if (filter.DestinationPrefixes.Count > 0)
            throw Unsupported(charge, "destination filters");
        var condition = $"channel = '{channel.Name()}'";
        if (filter.Direction is { } direction)
            condition += $" AND direction = '{direction.Name()}'";
        if (filter.Queue is { } queue)
            condition += $" AND queue = '{queue.Replace("'", "''", StringComparison.Ordinal)}'";
        return condition;
    }

    private static long Micro(decimal amount, Charge charge)
    {
        var micro = amount * MicroUnits;
        return micro == decimal.Truncate(micro) ? (long)micro : throw Unsupported(charge, $"prices finer than a millionth ({amount})");
    }

    private static long Whole(decimal value, Charge charge, string what) =>
        value == decimal.Truncate(value) ? (long)value : throw Unsupported(charge, $"a fractional '{what}' ({value})");

    private static long Pow10(int digits) => digits == 0 ? 1 : 10 * Pow10(digits - 1);

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'+00'", CultureInfo.InvariantCulture);

    private static NotSupportedException Unsupported(Charge charge, string what) =>
        new($"Charge '{charge.Id}': the comparison's SQL does not cover {what}; ccost would, but DuckDB's figure would not match.");
}
