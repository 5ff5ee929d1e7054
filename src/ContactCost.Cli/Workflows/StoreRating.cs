using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Rating;
using ContactCost.Storage;
using ContactCost.Tenants;

namespace ContactCost.Cli.Workflows;

/// <summary>Rates what the store holds unrated, page by page, each interaction with the price-book version in force on its local start day.</summary>
internal static class StoreRating
{
    private const int PageSize = 10_000;

    /// <summary>What a rating run did.</summary>
    public sealed record Summary(long Rated, long Lines, long WithoutPriceBook, Money Amount);

    public static async Task<Summary> RateAsync(IStore store, TenantId tenant, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var books = await DocumentLoading.PriceBooksAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        if (books.Count == 0)
            throw new CommandFailedException($"Tenant '{tenant}' has no price book yet. Load one first: ccost pricebook load samples/pricebook.json");
        var history = new PriceBookHistory(books);
        var zone = (await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false)).TimeZone;

        long rated = 0, lineCount = 0, withoutBook = 0, seen = 0;
        var amount = Money.Zero(books[0].Currency);
        var cursor = RatingCursor.Beginning;
        var lines = new List<ChargeLine>();
        while (true)
        {
            var page = await store.ReadUnratedAsync(tenant, cursor, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
                break;

            var ratedPage = new List<RatedInteraction>(page.Count);
            foreach (var interaction in page)
            {
                var rater = history.RaterFor(ReportingPeriod.LocalDay(interaction.Start, zone));
                if (rater is null)
                {
                    withoutBook++; // before the first version took effect: left unrated, reported
                    continue;
                }

                lines.Clear();
                rater.Rate(interaction, lines);
                ratedPage.Add(new RatedInteraction(interaction.Id, rater.PriceBook.Version, lines.ToArray()));
            }

            var saved = await store.SaveRatingsAsync(tenant, ratedPage, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < ratedPage.Count; i++)
            {
                if (!saved[i])
                    continue; // another run rated it first; its charge is that run's
                rated++;
                lineCount += ratedPage[i].Lines.Count;
                foreach (var line in ratedPage[i].Lines)
                    amount += line.Amount;
            }

            seen += page.Count;
            progress?.Report(seen);
            var last = page[^1];
            cursor = new RatingCursor(last.Start, last.Id);
        }

        return new Summary(rated, lineCount, withoutBook, amount);
    }
}
