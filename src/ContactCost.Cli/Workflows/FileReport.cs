using System.Runtime;
using ContactCost.Costing;
using ContactCost.Episodes;
using ContactCost.Formats.Canonical;
using ContactCost.Formats.Import;
using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Rating;

namespace ContactCost.Cli.Workflows;

/// <summary>
/// The cost report straight from files, without a store: a streamed pass rates every item, sums the
/// activity of the period (and of the baseline) and keeps what costing needs of the period's
/// interactions in a <see cref="ContactSpill"/>; a second pass reads that back and costs each
/// interaction. Memory holds sums and open episodes only, whatever the size of the files.
/// </summary>
internal sealed class FileReport(IReadOnlyList<string> files, ReportSources sources) : IDisposable
{
    private ContactSpill? spill;

    /// <summary>The channel reports of the period and the baseline, from the first pass.</summary>
    public sealed record Reports(CostReport Current, CostReport? Baseline, long Items);

    /// <summary>
    /// Rates the files once and sums the interactions of <paramref name="period"/> (all of them,
    /// over the local days they cover, when null) and of <paramref name="baseline"/>; keeps each
    /// interaction's id for <see cref="Analyse"/> when <paramref name="episodesListened"/>.
    /// </summary>
    public Reports Summarize(
        ReportingPeriod? period, ReportingPeriod? baseline, bool episodesListened, Action<Rejection> onRejection, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        // Only a file with an initial_contact_id column links contacts; without one no ids are kept.
        var followLinks = files.Any(f => CanonicalCsvReader.NamesColumn(f, EpisodeStitcher.LinkColumn));
        spill?.Dispose();
        spill = new ContactSpill(keepIds: followLinks || episodesListened, keepLinks: followLinks);
        var kept = spill;
        var current = new PeriodSums(period, sources.Zone);
        var previous = baseline is null ? null : new PeriodSums(baseline, sources.Zone);
        long items = 0;
        Rate(
            (item, lines) =>
            {
                // An interaction's rated usage, summed once for both periods and the spill (null: no price book covers it).
                long? usage = item.Interaction is null || lines is null ? null : MinorUnits(lines);
                if (current.Add(item, lines, usage, sources.SeatCharges))
                    kept.Add(ContactFacts.Of(item.Interaction!), usage ?? 0);
                previous?.Add(item, lines, usage, sources.SeatCharges);
                if (++items % 100_000 == 0)
                    progress?.Report(items);
            },
            onRejection,
            cancellationToken);
        progress?.Report(items);
        var chosen = current.Period ?? throw new CommandFailedException("The files hold no interactions to report on.");
        return new Reports(
            sources.Report(chosen, (current.Tally.Channels(), current.SharedUsage(sources.Model.Currency))),
            previous is null ? null : sources.Report(baseline!.Value, (previous.Tally.Channels(), previous.SharedUsage(sources.Model.Currency))),
            items);
    }

    /// <summary>Costs each interaction of <paramref name="report"/>'s period, as <see cref="Summarize"/> kept them.</summary>
    public CostAnalysis Analyse(CostReport report, TimeSpan episodeGap, Action<Episode>? onEpisode, CancellationToken cancellationToken)
    {
        if (spill is null)
            throw new InvalidOperationException("Summarize the files before analysing them.");

        // The first pass's id window and buffers (about 100 MB at ten million rows) are garbage now, mostly in
        // the large-object heap, which is not compacted by itself: collect them before the open episodes grow,
        // so that the peak is the larger pass, not the two together. Small inputs are not worth the pause.
        if (spill.Count >= 1_000_000)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        using var analyzer = new CostAnalyzer(report, sources.Model, sources.Zone, episodeGap, onEpisode, followLinks: spill.KeepsLinks);
        long count = 0;
        foreach (var (contact, usageMinor) in spill.ReadBack())
        {
            if (++count % 100_000 == 0)
                cancellationToken.ThrowIfCancellationRequested();
            analyzer.Add(contact, Money.FromMinorUnits(usageMinor, report.Currency));
        }

        return analyzer.Finish();
    }

    public void Dispose() => spill?.Dispose();

    private static long MinorUnits(IReadOnlyList<ChargeLine> lines)
    {
        long minor = 0;
        for (var i = 0; i < lines.Count; i++)
            minor += lines[i].Amount.ToMinorUnits();
        return minor;
    }

    // One rating run over the files: each item with its lines (null when no price book covers it).
    private void Rate(Action<FileRating.Item, IReadOnlyList<ChargeLine>?> onItem, Action<Rejection> onRejection, CancellationToken cancellationToken)
    {
        if (sources.Prices is null)
            throw new CommandFailedException("A report from files needs a price book: give --pricebook FILE.");
        var rater = new Rater(sources.Prices, sources.Zone);
        // A report is a batch job: blocking collections cost less in all than background ones.
        var latency = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        try
        {
            FileRating.Rate(
                files,
                rater,
                sources.Zone,
                onItem,
                (_, _) => { },
                onRejection,
                item => onItem(item, null),
                cancellationToken);
        }
        catch (RatingOrderException e)
        {
            throw new CommandFailedException(e.Message);
        }
        finally
        {
            GCSettings.LatencyMode = latency;
        }
    }

    // The sums of one period; with no period given, of every day the interactions touch.
    private sealed class PeriodSums(ReportingPeriod? period, TimeZoneInfo zone)
    {
        private readonly DateTimeOffset from = period?.StartUtc(zone) ?? DateTimeOffset.MinValue;
        private readonly DateTimeOffset to = period?.EndUtc(zone) ?? DateTimeOffset.MaxValue;
        private readonly Dictionary<string, long> shared = new(StringComparer.Ordinal);
        private DateTimeOffset? first, last;

        public ActivityTally Tally { get; } = new();

        /// <summary>The period asked for, or the local days from the first interaction to the last.</summary>
        public ReportingPeriod? Period => period ?? (first is { } f ? Covering(ReportingPeriod.LocalDay(f, zone), ReportingPeriod.LocalDay(last!.Value, zone)) : null);

        /// <summary>
        /// Sums the item when it is in the period (an interaction with its <paramref name="usage"/> in minor units);
        /// true when it is an interaction of the period.
        /// </summary>
        public bool Add(FileRating.Item item, IReadOnlyList<ChargeLine>? lines, long? usage, IReadOnlySet<string> seatCharges)
        {
            if (item.Start < from || item.Start >= to)
                return false;
            if (item.Interaction is { } interaction)
            {
                Tally.Add(interaction, usage);
                first = first is { } f && f <= interaction.Start ? f : interaction.Start;
                last = last is { } l && l >= interaction.Start ? l : interaction.Start;
                return true;
            }

            // Usage records carry costs no interaction caused (storage, egress): shared like fixed
            // costs, by charge as the store's report does; seats are priced from the cost model.
            for (var i = 0; i < (lines?.Count ?? 0); i++)
            {
                var line = lines![i];
                if (!seatCharges.Contains(line.ChargeId))
                    shared[line.ChargeId] = shared.GetValueOrDefault(line.ChargeId) + line.Amount.ToMinorUnits();
            }

            return false;
        }

        public IReadOnlyList<(string ChargeId, Money Amount)> SharedUsage(Currency currency) =>
            shared.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, Money.FromMinorUnits(p.Value, currency))).ToArray();

        // A whole calendar month when the days are exactly one, else the range of days.
        private static ReportingPeriod Covering(DateOnly firstDay, DateOnly lastDay)
        {
            var month = ReportingPeriod.Month(firstDay.Year, firstDay.Month);
            return firstDay == month.FirstDay && lastDay == month.LastDay ? month : ReportingPeriod.Range(firstDay, lastDay);
        }
    }
}
