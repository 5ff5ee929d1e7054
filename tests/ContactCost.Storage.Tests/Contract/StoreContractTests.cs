using ContactCost.Interactions;
using ContactCost.Invoicing;
using ContactCost.Rating;
using ContactCost.Storage;
using ContactCost.Tenants;
using ContactCost.Usage;
using ContactCost.Wallets;

namespace ContactCost.Tests.Contract;

/// <summary>
/// What every store must do, written once. Each store (SQLite, PostgreSQL) subclasses this with a
/// way to open a fresh, empty store; tests are <see cref="StoreFactAttribute"/>s so that a store
/// missing on this machine reports them skipped.
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 13, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly TenantId Globex = TenantId.Parse("globex");

    protected IStore Store { get; private set; } = null!;

    protected abstract Task<IStore> OpenEmptyStoreAsync();

    /// <summary>Closes the store and opens it again on the same data, as a new process would.</summary>
    protected abstract Task<IStore> ReopenAsync(IStore store);

    /// <summary>Another connection to the same data, as a second process would have.</summary>
    protected abstract Task<IStore> OpenSecondConnectionAsync();

    public async Task InitializeAsync() => Store = await OpenEmptyStoreAsync();

    public async Task DisposeAsync() => await Store.DisposeAsync();

    private static Interaction Call(string id, int minute = 0, int seconds = 300) =>
        new(id, Channel.Voice, Start.AddMinutes(minute))
        {
            End = Start.AddMinutes(minute).AddSeconds(seconds + 20),
            Wait = TimeSpan.FromSeconds(20),
            Talk = TimeSpan.FromSeconds(seconds),
            Wrap = TimeSpan.FromSeconds(30),
            Agent = "A001",
            Queue = "billing",
            Customer = "C1",
            Extra = [KeyValuePair.Create("crm_case", "42")],
        };

    [StoreFact]
    public async Task AddingTheSameBatchTwice_ChangesNothingTheSecondTime()
    {
        var batch = new[] { Call("a"), Call("b", 1), Call("c", 2) };
        var first = await Store.AddInteractionsAsync(Acme, batch);
        var second = await Store.AddInteractionsAsync(Acme, batch);
        Assert.Equal(3, first.Added);
        Assert.Equal(3, second.Duplicates);
        Assert.Equal(0, second.Added);
        Assert.Equal(3, await Store.CountInteractionsAsync(Acme));
    }

    [StoreFact]
    public async Task TwoConnectionsAddingTheSameBatchesAtOnce_StoreEachIdOnce()
    {
        await using var second = await OpenSecondConnectionAsync();
        var batches = Enumerable.Range(0, 10).Select(b => Enumerable.Range(0, 20).Select(i => Call($"i{b:D2}-{i:D2}", i)).ToArray()).ToArray();

        static async Task<BatchResult[]> AddAllAsync(IStore store, IEnumerable<Interaction[]> batches)
        {
            var results = new List<BatchResult>();
            foreach (var batch in batches)
                results.Add(await store.AddInteractionsAsync(Acme, batch));
            return results.ToArray();
        }

        // As two processes importing the same file: every id is added by one and a duplicate for the other.
        var results = (await Task.WhenAll(Task.Run(() => AddAllAsync(Store, batches)), Task.Run(() => AddAllAsync(second, batches)))).SelectMany(r => r).ToArray();
        Assert.Equal(200, results.Sum(r => r.Added));
        Assert.Equal(200, results.Sum(r => r.Duplicates));
        Assert.Equal(200, await Store.CountInteractionsAsync(Acme));
    }

    [StoreFact]
    public async Task SameIdWithOtherContent_IsAConflict_AndTheStoredOneIsKept()
    {
        await Store.AddInteractionsAsync(Acme, [Call("a", seconds: 300)]);
        var result = await Store.AddInteractionsAsync(Acme, [Call("a", seconds: 301)]);
        Assert.Equal([WriteOutcome.Conflict], result.Outcomes);
        var stored = await ReadAllAsync(Acme);
        Assert.Equal(TimeSpan.FromSeconds(300), Assert.Single(stored).Talk);
    }

    [StoreFact]
    public async Task RepeatedIdWithinOneBatch_IsStoredOnce()
    {
        var result = await Store.AddInteractionsAsync(Acme, [Call("a"), Call("a"), Call("a", seconds: 1)]);
        Assert.Equal([WriteOutcome.Added, WriteOutcome.Duplicate, WriteOutcome.Conflict], result.Outcomes);
        Assert.Equal(1, await Store.CountInteractionsAsync(Acme));
    }

    [StoreFact]
    public Task ALargeBatch_MixingNewStoredAndRepeatedIds_GetsAnOutcomePerItem() =>
        LargeMixedBatchGetsAnOutcomePerItem(batch => batch);

    [StoreFact]
    public Task ALargeBatch_HashedAhead_GetsTheSameOutcomes() =>
        LargeMixedBatchGetsAnOutcomePerItem(batch => new InteractionBatch(batch));

    private async Task LargeMixedBatchGetsAnOutcomePerItem(Func<Interaction[], IReadOnlyList<Interaction>> asBatch)
    {
        // 150 items: enough for several multi-row statements and a remainder, with the awkward cases
        // spread over them: stored ids (same and other content) and repeats within the batch.
        await Store.AddInteractionsAsync(Acme, [Call("n010"), Call("n070", seconds: 1), Call("n140")]);
        var batch = Enumerable.Range(0, 150).Select(i => Call($"n{i:D3}", i)).ToArray();
        batch[10] = Call("n010");
        batch[140] = Call("n140");
        batch[20] = Call("n005", 5);              // a repeat of item 5, same content
        batch[30] = Call("n005", 5, seconds: 9);  // a repeat of item 5, other content
        batch[100] = Call("n099", 99);            // a repeat of the item just before it
        batch[130] = Call("n050", 50);            // a repeat of an item much earlier
        var expected = Enumerable.Repeat(WriteOutcome.Added, 150).ToArray();
        expected[10] = expected[20] = expected[100] = expected[130] = expected[140] = WriteOutcome.Duplicate;
        expected[30] = expected[70] = WriteOutcome.Conflict;

        var result = await Store.AddInteractionsAsync(Acme, asBatch(batch));

        Assert.Equal(expected, result.Outcomes);
        Assert.Equal(3 + 143, await Store.CountInteractionsAsync(Acme));
        var again = await Store.AddInteractionsAsync(Acme, asBatch(batch));
        Assert.Equal(expected.Select(o => o == WriteOutcome.Added ? WriteOutcome.Duplicate : o), again.Outcomes);
    }

    [StoreFact]
    public async Task ABatchStartingWithStoredIds_StillAddsTheNewOnesAfterThem()
    {
        // A file imported again after more lines were appended to it: the first 100 are stored.
        var batch = Enumerable.Range(0, 300).Select(i => Call($"g{i:D3}", i)).ToArray();
        await Store.AddInteractionsAsync(Acme, batch[..100]);
        batch[150] = Call("g020", 20);             // a repeat of a stored item
        batch[250] = Call("g200", 200, seconds: 1); // a repeat of a new item, other content

        var result = await Store.AddInteractionsAsync(Acme, batch);

        var expected = Enumerable.Range(0, 300).Select(i => i < 100 || i == 150 ? WriteOutcome.Duplicate : WriteOutcome.Added).ToArray();
        expected[250] = WriteOutcome.Conflict;
        Assert.Equal(expected, result.Outcomes);
        Assert.Equal(298, await Store.CountInteractionsAsync(Acme));
    }

    [StoreFact]
    public async Task Interactions_ReadBackWithEveryField()
    {
        var original = Call("a") with { Direction = Direction.Outbound, Units = 3, Destination = "+15551234567", Resolved = true, Hold = TimeSpan.FromMilliseconds(1500) };
        await Store.AddInteractionsAsync(Acme, [original]);
        var back = Assert.Single(await ReadAllAsync(Acme));
        Assert.Equal(original with { Extra = back.Extra }, back);
        Assert.Equal(original.Extra, back.Extra);
    }

    [StoreFact]
    public async Task Interactions_KeepEmptyTextApartFromNone_AndAnyCharacters()
    {
        var long_ = new string('x', 3_000) + "é€😀";
        var original = Call("ü-1") with { Customer = "", Queue = "Facturación", Agent = "エージェント", Destination = null, Extra = [KeyValuePair.Create("note", long_), KeyValuePair.Create("empty", "")] };
        Assert.Equal(1, (await Store.AddInteractionsAsync(Acme, [original])).Added);
        var back = Assert.Single(await ReadAllAsync(Acme));
        Assert.Equal(original with { Extra = back.Extra }, back);
        Assert.Equal(original.Extra, back.Extra);
        Assert.Equal([WriteOutcome.Duplicate], (await Store.AddInteractionsAsync(Acme, [original])).Outcomes);
        Assert.Equal([WriteOutcome.Conflict], (await Store.AddInteractionsAsync(Acme, [original with { Customer = null }])).Outcomes);
    }

    [StoreFact]
    public async Task ABatchHashedAhead_KeepsEveryTextOfEveryRow()
    {
        // 130 rows: two multi-row statements and a remainder, with NULL, empty, non-ASCII and long texts mixed.
        string?[] texts = [null, "", "billing", "Facturación", "エージェント", new string('x', 2_000) + "é€😀", "a,\"b\""];
        var batch = Enumerable.Range(0, 130).Select(i => Call($"t{i:D3}-ü", i) with
        {
            Customer = texts[i % texts.Length],
            Queue = texts[(i + 1) % texts.Length],
            Agent = texts[(i + 2) % texts.Length],
            Destination = texts[(i + 3) % texts.Length],
            Extra = i % 5 == 0 ? [] : [KeyValuePair.Create("note", texts[(i + 4) % texts.Length] ?? "none"), KeyValuePair.Create("empty", "")],
        }).ToArray();

        Assert.Equal(130, (await Store.AddInteractionsAsync(Acme, new InteractionBatch(batch))).Added);

        var back = (await ReadAllAsync(Acme)).ToDictionary(i => i.Id);
        foreach (var original in batch)
        {
            var stored = back[original.Id];
            Assert.Equal(original with { Extra = stored.Extra }, stored);
            Assert.Equal(original.Extra, stored.Extra);
        }

        Assert.All((await Store.AddInteractionsAsync(Acme, batch)).Outcomes, o => Assert.Equal(WriteOutcome.Duplicate, o));
        var disposed = new InteractionBatch(batch);
        disposed.Dispose(); // its texts are encoded again by the store
        Assert.All((await Store.AddInteractionsAsync(Acme, disposed)).Outcomes, o => Assert.Equal(WriteOutcome.Duplicate, o));
    }

    [StoreFact]
    public async Task Tenants_AreSeparate_SameIdsDoNotCollide()
    {
        await Store.AddInteractionsAsync(Acme, [Call("a")]);
        var globex = await Store.AddInteractionsAsync(Globex, [Call("a", seconds: 10)]);
        Assert.Equal(1, globex.Added);
        Assert.Equal(1, await Store.CountInteractionsAsync(Acme));
        Assert.Equal(TimeSpan.FromSeconds(300), Assert.Single(await ReadAllAsync(Acme)).Talk);
        Assert.Empty(await Store.SummarizeByChannelAsync(TenantId.Parse("initech"), Start.AddDays(-1), Start.AddDays(1)));
    }

    [StoreFact]
    public async Task Ratings_AreSavedOnce_EvenWhenSavedTwice()
    {
        await Store.AddInteractionsAsync(Acme, [Call("a"), Call("b", 1)]);
        var unrated = await Store.ReadUnratedInteractionsAsync(Acme, RatingCursor.Beginning, DateTimeOffset.MaxValue, 10);
        Assert.Equal(["a", "b"], unrated.Select(i => i.Id));

        var rated = unrated.Select(i => Rated(i, Line(0.07m))).ToArray();
        Assert.Equal([true, true], await Store.SaveRatingsAsync(Acme, await Store.GetRatingBasisAsync(Acme), rated));
        Assert.Equal([false, false], await Store.SaveRatingsAsync(Acme, await Store.GetRatingBasisAsync(Acme), rated));
        Assert.Empty(await Store.ReadUnratedInteractionsAsync(Acme, RatingCursor.Beginning, DateTimeOffset.MaxValue, 10));

        var voice = Assert.Single(await Store.SummarizeByChannelAsync(Acme, Start, Start.AddDays(1)));
        Assert.Equal(14, voice.UsageMinorUnits);
        Assert.Equal(0, voice.Unrated);
    }

    [StoreFact]
    public async Task ChargeLines_ReadBackAsSaved_InOrder()
    {
        await Store.AddInteractionsAsync(Acme, [Call("a")]);
        var lines = new[] { Line(0.00m) with { Basis = "tier 1 (0-1000)", BilledQuantity = 2m }, Line(0.03m) with { Basis = "tier 2 (1000-100000)", BilledQuantity = 3m } };
        await Store.SaveRatingsAsync(Acme, await Store.GetRatingBasisAsync(Acme), [new RatedItem(RatedSource.Interaction, "a", Start, "2026-01-01", lines)]);
        Assert.Equal(lines, await Store.GetChargeLinesAsync(Acme, RatedSource.Interaction, "a", Currency.USD));
        Assert.Empty(await Store.GetChargeLinesAsync(Globex, RatedSource.Interaction, "a", Currency.USD));
    }

    [StoreFact]
    public async Task ResetRatings_MakesTheRangeUnratedAgain_AndDropsItsLines()
    {
        await Store.AddInteractionsAsync(Acme, [Call("a"), Call("b", 60 * 24)]);
        var all = await Store.ReadUnratedInteractionsAsync(Acme, RatingCursor.Beginning, DateTimeOffset.MaxValue, 10);
        await Store.SaveRatingsAsync(Acme, await Store.GetRatingBasisAsync(Acme), all.Select(i => Rated(i, Line(1m))).ToArray());

        var reset = await Store.ResetRatingsAsync(Acme, Start.AddHours(12), null);
        Assert.Equal(1, reset);
        Assert.Equal(["b"], (await Store.ReadUnratedInteractionsAsync(Acme, RatingCursor.Beginning, DateTimeOffset.MaxValue, 10)).Select(i => i.Id));
        var summary = Assert.Single(await Store.SummarizeByChannelAsync(Acme, Start, Start.AddDays(2)));
        Assert.Equal(100, summary.UsageMinorUnits); // only a's line is left
        Assert.Equal(1, summary.Unrated);
        Assert.Equal(1, await Store.CountUnratedAsync(Acme, Start, Start.AddDays(2)));
    }

    [StoreFact]
    public async Task UnratedPages_FollowTheCursor_AndStopAtTheEndOfTheRange()
    {
        await Store.AddInteractionsAsync(Acme, Enumerable.Range(0, 25).Select(i => Call($"i{i:D2}", i)).ToArray());
        var seen = new List<string>();
        var cursor = RatingCursor.Beginning;
        while ((await Store.ReadUnratedInteractionsAsync(Acme, cursor, Start.AddMinutes(20), 10)) is { Count: > 0 } page)
        {
            seen.AddRange(page.Select(i => i.Id));
            cursor = new RatingCursor(page[^1].Start, page[^1].Id);
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"i{i:D2}"), seen);
        Assert.Equal((Start, Start.AddMinutes(24)), await Store.GetUnratedSpanAsync(Acme));
    }

    [StoreFact]
    public async Task UsageRecords_AreIdempotent_RatedAndSummedLikeInteractions()
    {
        var egress = new UsageRecord("eg-1", Meter.EgressGb, 120.50m, Start) { Extra = [KeyValuePair.Create("region", "us-east")] };
        Assert.Equal(1, (await Store.AddUsageAsync(Acme, [egress])).Added);
        Assert.Equal(1, (await Store.AddUsageAsync(Acme, [egress with { Quantity = 120.5m }])).Duplicates); // 120.50 and 120.5 are the same
        Assert.Equal(1, (await Store.AddUsageAsync(Acme, [egress with { Quantity = 121m }])).Conflicts);
        Assert.Equal(1, await Store.CountUsageAsync(Acme));

        var unrated = Assert.Single(await Store.ReadUnratedUsageAsync(Acme, RatingCursor.Beginning, DateTimeOffset.MaxValue, 10));
        Assert.Equal(egress.Quantity, unrated.Quantity);
        Assert.Equal(egress.Extra, unrated.Extra);
        var line = new ChargeLine("egress", "2026-01-01", Meter.EgressGb, 120.5m, 20.5m, 0.08m, 1m, new ContactCost.Money(1.64m, Currency.USD));
        await Store.SaveRatingsAsync(Acme, await Store.GetRatingBasisAsync(Acme), [new RatedItem(RatedSource.Usage, "eg-1", Start, "2026-01-01", [line])]);
        Assert.Null(await Store.GetUnratedSpanAsync(Acme));
        Assert.Equal([new ChargeTotal("egress", 1, 20.5m, 164) { ExactAmount = 1.64m }], await Store.SumChargesAsync(Acme, Start, Start.AddDays(1)));
        Assert.Equal([new ChargeTotal("egress", 1, 20.5m, 164) { ExactAmount = 1.64m }], await Store.SumChargesAsync(Acme, Start, Start.AddDays(1), RatedSource.Usage));
        Assert.Empty(await Store.SumChargesAsync(Acme, Start, Start.AddDays(1), RatedSource.Interaction));
    }

    [StoreFact]
    public async Task MonthLines_AreReplaced_NotAdded()
    {
        var flat = new ChargeLine("addon", "2026-01-01", null, 31m, 31m, 30m, 1m, new ContactCost.Money(30m, Currency.USD), "month 2026-10, 31 of 31 days");
        await Store.SaveMonthLinesAsync(Acme, await Store.GetRatingBasisAsync(Acme), "2026-10", Start, [flat]);
        await Store.SaveMonthLinesAsync(Acme, await Store.GetRatingBasisAsync(Acme), "2026-10", Start, [flat]);
        Assert.Equal([new ChargeTotal("addon", 1, 31m, 3000) { ExactAmount = 30m }], await Store.SumChargesAsync(Acme, Start, Start.AddDays(31)));
    }

    [StoreFact]
    public async Task Invoices_AreNumberedPerTenant_OnePerMonth_AndReadBackAsIssued()
    {
        var line = new InvoiceLine("voice-in", "Inbound calls", 120m, new ContactCost.Money(10.00m, Currency.USD));
        var draft = Invoice.Next("2026-10", Currency.USD, [line], [], 0.2m)!;
        var first = await Store.IssueInvoiceAsync(Acme, draft);
        Assert.Equal("INV-000001", first.Number);
        Assert.Equal(12.00m, first.Total.Amount);
        Assert.Equal("INV-000001", (await Store.IssueInvoiceAsync(Globex, draft)).Number); // numbers are per tenant

        var again = await Assert.ThrowsAsync<StoreException>(() => Store.IssueInvoiceAsync(Acme, draft));
        Assert.Contains("already issued", again.Message);

        var changed = Invoice.Next("2026-10", Currency.USD, [line with { Amount = new ContactCost.Money(11.00m, Currency.USD) }], [first], 0.2m)!;
        var adjustment = await Store.IssueInvoiceAsync(Acme, changed);
        Assert.Equal("ADJ-000001", adjustment.Number);
        Assert.Equal("INV-000001", adjustment.Corrects);

        var issued = await Store.GetInvoicesAsync(Acme, "2026-10");
        Assert.Equal(["INV-000001", "ADJ-000001"], issued.Select(i => i.Number));
        Assert.Equal(first.Lines, issued[0].Lines);
        Assert.Equal(1.20m, issued[1].Total.Amount); // 1.00 + 20% tax
    }

    [StoreFact]
    public async Task Summary_CountsHandledAbandonedAndHandleTime_InTheHalfOpenRange()
    {
        var abandoned = new Interaction("x", Channel.Voice, Start.AddMinutes(5)) { Wait = TimeSpan.FromSeconds(90), End = Start.AddMinutes(5).AddSeconds(90) };
        var chat = new Interaction("chat", Channel.Chat, Start) { Talk = TimeSpan.FromMinutes(10), Agent = "A002" };
        await Store.AddInteractionsAsync(Acme, [Call("a"), abandoned, chat, new Interaction("late", Channel.Voice, Start.AddDays(1))]);

        var summary = await Store.SummarizeByChannelAsync(Acme, Start, Start.AddDays(1));
        var voice = summary.Single(a => a.Channel == Channel.Voice);
        Assert.Equal(2, voice.Contacts);
        Assert.Equal(1, voice.Handled);
        Assert.Equal(1, voice.Abandoned);
        Assert.Equal(330m, voice.HandleSeconds);
        Assert.Equal(20m, voice.AnsweredWaitSeconds);
        Assert.Equal(1, voice.AnsweredInbound);
        Assert.Equal(2, voice.Unrated);
        Assert.Equal(600m, summary.Single(a => a.Channel == Channel.Chat).HandleSeconds);
        Assert.Equal(Start.AddDays(1), await Store.GetLatestStartAsync(Acme));
    }

    [StoreFact]
    public async Task PriceBooks_AreVersioned_AndSavingTheSameDocumentChangesNothing()
    {
        Assert.Equal(DocumentSave.Added, await Store.SavePriceBookAsync(Acme, "2026-01-01", "{\"a\":1}"));
        Assert.Equal(DocumentSave.Unchanged, await Store.SavePriceBookAsync(Acme, "2026-01-01", "{\"a\":1}"));
        Assert.Equal(DocumentSave.Replaced, await Store.SavePriceBookAsync(Acme, "2026-01-01", "{\"a\":2}"));
        Assert.Equal(DocumentSave.Added, await Store.SavePriceBookAsync(Acme, "2025-07-01", "{\"b\":1}"));
        var books = await Store.GetPriceBooksAsync(Acme);
        Assert.Equal(["2025-07-01", "2026-01-01"], books.Select(b => b.Version));
        Assert.Equal("{\"a\":2}", books[1].Json);
        Assert.Empty(await Store.GetPriceBooksAsync(Globex));
    }

    [StoreFact]
    public async Task CostModels_KeepRevisions_AndReturnTheLatest()
    {
        Assert.Null(await Store.GetCostModelAsync(Acme));
        Assert.Equal(DocumentSave.Added, await Store.SaveCostModelAsync(Acme, "{\"v\":1}"));
        Assert.Equal(DocumentSave.Unchanged, await Store.SaveCostModelAsync(Acme, "{\"v\":1}"));
        Assert.Equal(DocumentSave.Replaced, await Store.SaveCostModelAsync(Acme, "{\"v\":2}"));
        var latest = await Store.GetCostModelAsync(Acme);
        Assert.Equal("2", latest!.Version);
        Assert.Equal("{\"v\":2}", latest.Json);
    }

    [StoreFact]
    public async Task TenantSettings_SurviveReopening()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        Assert.Null(await Store.GetTenantAsync(Acme));
        await Store.SaveTenantAsync(new TenantSettings(Acme, paris), forgetRatings: false);
        await Store.AddInteractionsAsync(Acme, [Call("a")]);
        Store = await ReopenAsync(Store);
        Assert.Equal("Europe/Paris", (await Store.GetTenantAsync(Acme))!.TimeZone.Id);
        Assert.Equal(1, await Store.CountInteractionsAsync(Acme));
    }

    [StoreFact]
    public async Task RatingBasis_IsNewAfterAPriceBookChange_AndRatingsFromTheOldOneAreRefusedWhole()
    {
        await Store.AddInteractionsAsync(Acme, [Call("a"), Call("b", 1)]);
        var unrated = await Store.ReadUnratedInteractionsAsync(Acme, RatingCursor.Beginning, DateTimeOffset.MaxValue, 10);
        var rated = unrated.Select(i => Rated(i, Line(0.07m))).ToArray();
        var old = await Store.GetRatingBasisAsync(Acme);

        // Another process loads a price book while this one rates.
        await using (var other = await OpenSecondConnectionAsync())
            Assert.Equal(DocumentSave.Added, await other.SavePriceBookAsync(Acme, "2026-01-01", "{\"a\":1}"));

        await Assert.ThrowsAsync<RatingBasisChangedException>(() => Store.SaveRatingsAsync(Acme, old, rated));
        await Assert.ThrowsAsync<RatingBasisChangedException>(() => Store.SaveMonthLinesAsync(Acme, old, "2026-10", Start, [Line(1m)]));
        Assert.Equal(2, await Store.CountUnratedAsync(Acme, Start, Start.AddDays(1)));
        Assert.Empty(await Store.SumChargesAsync(Acme, Start, Start.AddDays(1)));

        // The same document again changes nothing; another tenant's basis is its own.
        var current = await Store.GetRatingBasisAsync(Acme);
        Assert.NotEqual(old, current);
        Assert.Equal(DocumentSave.Unchanged, await Store.SavePriceBookAsync(Acme, "2026-01-01", "{\"a\":1}"));
        Assert.Equal(current, await Store.GetRatingBasisAsync(Acme));
        Assert.Equal(old, await Store.GetRatingBasisAsync(Globex));
        Assert.Equal([true, true], await Store.SaveRatingsAsync(Acme, current, rated));
    }

    [StoreFact]
    public async Task SaveTenant_MovesTheZoneOnlyWhenNothingIsRated_OrWithEveryRatingForgotten()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var first = await Store.SaveTenantAsync(new TenantSettings(Acme, newYork), forgetRatings: false);
        Assert.Equal((TimeZoneInfo.Utc.Id, true, ZoneChangeOutcome.Moved), (first.Previous.Id, first.Created, first.Outcome));

        await Store.AddInteractionsAsync(Acme, [Call("a")]);
        var basis = await Store.GetRatingBasisAsync(Acme);
        var unrated = await Store.ReadUnratedInteractionsAsync(Acme, RatingCursor.Beginning, DateTimeOffset.MaxValue, 10);
        await Store.SaveRatingsAsync(Acme, basis, [Rated(unrated[0], Line(0.07m))]);

        // Another name for the same zone moves no day: saved, and the ratings stand.
        var alias = await Store.SaveTenantAsync(new TenantSettings(Acme, TimeZoneInfo.FindSystemTimeZoneById("US/Eastern")), forgetRatings: false);
        Assert.Equal((false, ZoneChangeOutcome.Kept), (alias.Created, alias.Outcome));
        Assert.Equal(basis, await Store.GetRatingBasisAsync(Acme));

        var refused = await Store.SaveTenantAsync(new TenantSettings(Acme, chicago), forgetRatings: false);
        Assert.Equal(ZoneChangeOutcome.Refused, refused.Outcome);
        Assert.Equal("US/Eastern", (await Store.GetTenantAsync(Acme))!.TimeZone.Id);
        Assert.Equal(basis, await Store.GetRatingBasisAsync(Acme));
        Assert.Single(await Store.SumChargesAsync(Acme, Start, Start.AddDays(1)));

        var moved = await Store.SaveTenantAsync(new TenantSettings(Acme, chicago), forgetRatings: true);
        Assert.Equal((ZoneChangeOutcome.MovedRatingsForgotten, 1L), (moved.Outcome, moved.ItemsForgotten));
        Assert.Equal("America/Chicago", (await Store.GetTenantAsync(Acme))!.TimeZone.Id);
        Assert.Empty(await Store.SumChargesAsync(Acme, Start, Start.AddDays(1)));
        Assert.Equal(1, await Store.CountUnratedAsync(Acme, Start, Start.AddDays(1)));
        await Assert.ThrowsAsync<RatingBasisChangedException>(() => Store.SaveRatingsAsync(Acme, basis, [Rated(unrated[0], Line(0.07m))]));
    }

    [StoreFact]
    public async Task SaveTenant_TakesATenantNeverSavedAsInUtc_SoItsRatedChargesHoldItThere()
    {
        await Store.AddInteractionsAsync(Globex, [Call("a")]);
        var unrated = await Store.ReadUnratedInteractionsAsync(Globex, RatingCursor.Beginning, DateTimeOffset.MaxValue, 10);
        await Store.SaveRatingsAsync(Globex, await Store.GetRatingBasisAsync(Globex), [Rated(unrated[0], Line(0.07m))]);

        var change = await Store.SaveTenantAsync(new TenantSettings(Globex, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")), forgetRatings: false);
        Assert.Equal((TimeZoneInfo.Utc.Id, true, ZoneChangeOutcome.Refused), (change.Previous.Id, change.Created, change.Outcome));
        Assert.Null(await Store.GetTenantAsync(Globex));
    }

    private static ContactCost.Money Usd(decimal amount) => new(amount, Currency.USD);

    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private async Task<WalletResult> RunAsync(WalletOperation operation, DateTimeOffset? at = null) =>
        (await Store.ExecuteWalletOperationsAsync(Acme, [operation], at ?? Now))[0];

    [StoreFact]
    public async Task Wallet_OperationsPersist_AndTheLedgerBalances()
    {
        Assert.Equal(WalletStatus.Accepted, (await RunAsync(new CreateWallet("c", "w", Currency.USD, Usd(0), Usd(5)))).Status);
        await RunAsync(new TopUp("t1", "w", Usd(20), null));
        await RunAsync(new Authorize("call", "w", Usd(8), TimeSpan.FromMinutes(5)));
        Store = await ReopenAsync(Store); // every step must survive a new process
        await RunAsync(new Commit("call-end", "call", Usd(3)));
        await RunAsync(new WalletCharge("sms", "w", Usd(15)));

        var balance = await Store.GetWalletBalanceAsync(Acme, "w", Now);
        Assert.Equal((2m, 0m, 2m), (balance!.Available.Amount, balance.Reserved.Amount, balance.Balance.Amount));
        var history = await Store.GetWalletHistoryAsync(Acme, "w");
        Assert.Equal(["TopUp", "Reserve", "Commit", "Release", "Charge"], history!.Select(e => e.Kind.ToString()));
        Assert.Equal(2m, history!.Sum(e => e.BalanceChange.Amount));
        Assert.Equal([true, false, true], (await Store.GetWalletEventsAsync(Acme, "w")).Select(e => e.Low));
        Assert.Null(await Store.GetWalletHistoryAsync(Globex, "w"));
    }

    [StoreFact]
    public async Task UnchargedUsage_IsReadOldestFirst_AndSummed_UntilAWalletChargesIt()
    {
        await Store.AddInteractionsAsync(Acme, [Call("a"), Call("b", 1), Call("c", 2)]);
        var unrated = await Store.ReadUnratedInteractionsAsync(Acme, RatingCursor.Beginning, DateTimeOffset.MaxValue, 10);
        await Store.SaveRatingsAsync(Acme, await Store.GetRatingBasisAsync(Acme), unrated.Select((i, n) => Rated(i, Line(0.10m * (n + 1)))).ToArray());
        Assert.Equal((3L, 60L), await Store.SumUnchargedUsageAsync(Acme));
        Assert.Equal(["a", "b"], (await Store.ReadUnchargedUsageAsync(Acme, 2)).Select(u => u.Id));

        await RunAsync(new CreateWallet("c", "w", Currency.USD, Usd(0), Usd(0)));
        await RunAsync(new TopUp("t", "w", Usd(1), null));
        await RunAsync(new WalletCharge("usage:interaction:b", "w", Usd(0.20m)));
        Assert.Equal((2L, 40L), await Store.SumUnchargedUsageAsync(Acme));
        Assert.Equal(["a", "c"], (await Store.ReadUnchargedUsageAsync(Acme, 10)).Select(u => u.Id));
        Assert.Equal((0L, 0L), await Store.SumUnchargedUsageAsync(Globex));
    }

    [StoreFact]
    public async Task Wallet_RepeatedOperationId_ReturnsTheFirstResult_AndChangesNothing()
    {
        await RunAsync(new CreateWallet("c", "w", Currency.USD, Usd(0), null));
        var first = await RunAsync(new TopUp("t1", "w", Usd(10), null));
        Store = await ReopenAsync(Store);
        var again = await RunAsync(new TopUp("t1", "w", Usd(10.00m), null));
        Assert.True(again.Replayed);
        Assert.Equal(first with { Replayed = true }, again);
        Assert.Equal(10m, (await Store.GetWalletBalanceAsync(Acme, "w", Now))!.Balance.Amount);

        var other = await RunAsync(new TopUp("t1", "w", Usd(99), null));
        Assert.Equal(WalletStatus.Invalid, other.Status);
        Assert.Contains("was already used for another request", other.Reason);
    }

    [StoreFact]
    public async Task Wallet_ABatch_GivesOneResultPerOperation_InOrder()
    {
        var results = await Store.ExecuteWalletOperationsAsync(Acme,
        [
            new CreateWallet("c", "w", Currency.USD, Usd(0), null),
            new TopUp("t1", "w", Usd(10), null),
            new WalletCharge("a", "w", Usd(6)),
            new WalletCharge("b", "w", Usd(6)),          // denied: 4.00 left
            new WalletCharge("a", "w", Usd(6)),          // a repeat inside the batch
            new WalletCharge("x", "nowhere", Usd(1)),    // no such wallet
            new Release("r", "no-such-reservation"),
        ], Now);
        Assert.Equal(
            [WalletStatus.Accepted, WalletStatus.Accepted, WalletStatus.Accepted, WalletStatus.Denied, WalletStatus.Accepted, WalletStatus.Invalid, WalletStatus.Invalid],
            results.Select(r => r.Status));
        Assert.True(results[4].Replayed);
        Assert.Equal(4m, (await Store.GetWalletBalanceAsync(Acme, "w", Now))!.Available.Amount);
    }

    [StoreFact]
    public async Task Wallet_ReservationsAndExpiringCredit_SettleWhenTimePasses_EvenAcrossReopening()
    {
        await RunAsync(new CreateWallet("c", "w", Currency.USD, Usd(0), null));
        await RunAsync(new TopUp("promo", "w", Usd(10), Now.AddHours(1)));
        await RunAsync(new Authorize("call", "w", Usd(4), TimeSpan.FromMinutes(5)));
        Store = await ReopenAsync(Store);

        var later = await Store.GetWalletBalanceAsync(Acme, "w", Now.AddMinutes(10));
        Assert.Equal((10m, 0m), (later!.Available.Amount, later.Reserved.Amount)); // the reservation released itself
        var commit = await RunAsync(new Commit("late", "call", Usd(1)), Now.AddMinutes(11));
        Assert.Equal(WalletStatus.Denied, commit.Status);

        var expired = await Store.GetWalletBalanceAsync(Acme, "w", Now.AddHours(2));
        Assert.Equal(0m, expired!.Balance.Amount);
        Assert.Contains((await Store.GetWalletHistoryAsync(Acme, "w"))!, e => e.Kind == EntryKind.CreditExpired && e.Amount.Amount == 10m);
    }

    [StoreFact]
    public async Task ListWallets_GivesEveryWalletOfTheTenant_ByIdWithItsThreshold_SettledAsOfNow()
    {
        Assert.Empty(await Store.ListWalletsAsync(Acme, Now));
        await RunAsync(new CreateWallet("c-main", "main", Currency.USD, Usd(0), Usd(20)));
        await RunAsync(new TopUp("t-main", "main", Usd(250), null));
        await RunAsync(new Authorize("call", "main", Usd(12.50m), TimeSpan.FromMinutes(5)));
        await RunAsync(new CreateWallet("c-eu", "eu", Currency.EUR, new ContactCost.Money(5, Currency.EUR), null));
        await RunAsync(new CreateWallet("c-promo", "promo", Currency.USD, Usd(0), Usd(10)));
        await RunAsync(new TopUp("t-promo", "promo", Usd(30), Now.AddHours(1)));
        await RunAsync(new WalletCharge("sms", "promo", Usd(25)));
        await Store.ExecuteWalletOperationsAsync(Globex, [new CreateWallet("c", "rival", Currency.USD, Usd(0), null)], Now);
        Store = await ReopenAsync(Store);

        var wallets = await Store.ListWalletsAsync(Acme, Now);
        Assert.Equal(["eu", "main", "promo"], wallets.Select(w => w.Wallet));
        var (eu, main, promo) = (wallets[0], wallets[1], wallets[2]);
        Assert.Equal((Currency.EUR, 0m, 0m, 0m, 5m, (decimal?)null, false),
            (eu.Currency, eu.Balance.Available.Amount, eu.Balance.Reserved.Amount, eu.Balance.Balance.Amount, eu.Balance.CreditLimit.Amount, eu.LowBalance?.Amount, eu.IsLow));
        Assert.Equal((237.50m, 12.50m, 250m, (decimal?)20m, false),
            (main.Balance.Available.Amount, main.Balance.Reserved.Amount, main.Balance.Balance.Amount, main.LowBalance?.Amount, main.IsLow));
        Assert.Equal((5m, true), (promo.Balance.Available.Amount, promo.IsLow));

        // Ten minutes on the reservation has lapsed; two hours on the promotional credit has expired: the list says so, like a balance read.
        var later = await Store.ListWalletsAsync(Acme, Now.AddHours(2));
        Assert.Equal((250m, 0m), (later[1].Balance.Available.Amount, later[1].Balance.Reserved.Amount));
        Assert.Equal(0m, later[2].Balance.Balance.Amount);
        Assert.Equal(later[1].Balance, await Store.GetWalletBalanceAsync(Acme, "main", Now.AddHours(2)));
        Assert.Equal(["rival"], (await Store.ListWalletsAsync(Globex, Now)).Select(w => w.Wallet));
    }

    [StoreFact]
    public async Task InteractionSpan_IsTheFirstAndLastStart_OfTheTenantOnly()
    {
        Assert.Null(await Store.GetInteractionSpanAsync(Acme));
        await Store.AddInteractionsAsync(Acme, [Call("b", 90), Call("a"), Call("c", 45)]);
        await Store.AddInteractionsAsync(Globex, [Call("g", 500)]);
        Assert.Equal((Start, Start.AddMinutes(90)), await Store.GetInteractionSpanAsync(Acme));
        Assert.Equal((Start.AddMinutes(500), Start.AddMinutes(500)), await Store.GetInteractionSpanAsync(Globex));
    }

    [StoreFact]
    public async Task Wallet_GroupCommit_AcknowledgesEveryOperationCommitted()
    {
        await RunAsync(new CreateWallet("c", "w", Currency.USD, Usd(0), null));
        await RunAsync(new TopUp("t", "w", Usd(100), null));
        var writer = new WalletGroupCommit(await OpenSecondConnectionAsync(), Acme);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => writer.SubmitAsync(new WalletCharge($"c{i}", "w", Usd(1)))));
        await writer.DisposeAsync();
        Assert.Equal(100, results.Count(r => r.Status == WalletStatus.Accepted));
        Assert.Equal(100, results.Count(r => r.Status == WalletStatus.Denied));
        Assert.True(writer.Commits < 200); // operations shared commits
        Assert.Equal(0m, (await Store.GetWalletBalanceAsync(Acme, "w", Now))!.Balance.Amount);
    }

    [StoreFact]
    public async Task Wallet_TwoConnectionsChargingAtOnce_NeverOverspend()
    {
        await RunAsync(new CreateWallet("c", "w", Currency.USD, Usd(0), null));
        await RunAsync(new TopUp("t", "w", Usd(100), null));
        await using var second = await OpenSecondConnectionAsync();

        static async Task<int> ChargeAsync(IStore store, string prefix)
        {
            var accepted = 0;
            for (var b = 0; b < 15; b++)
            {
                var batch = Enumerable.Range(0, 5).Select(i => (WalletOperation)new WalletCharge($"{prefix}-{b}-{i}", "w", Usd(1))).ToArray();
                accepted += (await store.ExecuteWalletOperationsAsync(Acme, batch, Now)).Count(r => r.Status == WalletStatus.Accepted);
            }

            return accepted;
        }

        // 150 charges of 1.00 race for 100.00 of credit, as two processes: exactly the credit is spent, never more.
        var accepted = await Task.WhenAll(Task.Run(() => ChargeAsync(Store, "one")), Task.Run(() => ChargeAsync(second, "two")));
        Assert.Equal(100, accepted.Sum());
        Assert.Equal(0m, (await Store.GetWalletBalanceAsync(Acme, "w", Now))!.Balance.Amount);
        Assert.Equal(-100m, (await Store.GetWalletHistoryAsync(Acme, "w"))!.Where(e => e.Kind == EntryKind.Charge).Sum(e => e.BalanceChange.Amount));
    }

    private static byte[] KeyHash(string key) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    [StoreFact]
    public async Task ApiKeys_AreFoundByTheirHash_AcrossTenants_AndSurviveReopening()
    {
        Assert.True(await Store.AddTenantAsync(new TenantSettings(Acme, TimeZoneInfo.Utc)));
        Assert.True(await Store.AddTenantAsync(new TenantSettings(Globex, TimeZoneInfo.Utc)));
        Assert.True(await Store.AddApiKeyAsync(Acme, KeyHash("acme-1"), Now));
        Assert.True(await Store.AddApiKeyAsync(Acme, KeyHash("acme-2"), Now));
        Assert.True(await Store.AddApiKeyAsync(Globex, KeyHash("globex-1"), Now));
        Store = await ReopenAsync(Store);

        Assert.Equal(Acme, await Store.FindApiKeyTenantAsync(KeyHash("acme-2")));
        Assert.Equal(Globex, await Store.FindApiKeyTenantAsync(KeyHash("globex-1")));
        Assert.Null(await Store.FindApiKeyTenantAsync(KeyHash("never-issued")));
    }

    [StoreFact]
    public async Task ApiKeys_NeedASavedTenant_AndTheStoreTakesOnlyAHash()
    {
        Assert.False(await Store.AddApiKeyAsync(TenantId.Parse("nobody"), KeyHash("k"), Now));
        Assert.Null(await Store.FindApiKeyTenantAsync(KeyHash("k")));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddApiKeyAsync(Acme, System.Text.Encoding.UTF8.GetBytes("cc_a-key-in-clear"), Now));
    }

    [StoreFact]
    public async Task AddTenant_AddsOnce_AndLeavesAnExistingTenantAsItIs()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        await Store.SaveTenantAsync(new TenantSettings(Acme, paris), forgetRatings: false);
        Assert.False(await Store.AddTenantAsync(new TenantSettings(Acme, TimeZoneInfo.Utc)));
        Assert.Equal("Europe/Paris", (await Store.GetTenantAsync(Acme))!.TimeZone.Id);
        Assert.True(await Store.AddTenantAsync(new TenantSettings(Globex, paris)));
        Assert.False(await Store.AddTenantAsync(new TenantSettings(Globex, paris)));
    }

    [StoreFact]
    public async Task Webhooks_AreSetReadAndRemoved_PerTenant()
    {
        var hook = new WebhookSettings(new Uri("https://hooks.example.com/ccost?x=1"), "s3cret");
        await Store.SaveWebhookAsync(Acme, hook);
        Assert.Equal(hook, await Store.GetWebhookAsync(Acme));
        Assert.Null(await Store.GetWebhookAsync(Globex));
        var unsigned = new WebhookSettings(new Uri("http://127.0.0.1:9/in"), null);
        await Store.SaveWebhookAsync(Acme, unsigned);
        Assert.Equal(unsigned, await Store.GetWebhookAsync(Acme));
        await Store.SaveWebhookAsync(Acme, null);
        Assert.Null(await Store.GetWebhookAsync(Acme));
    }

    // A wallet with a threshold of 5.00 and 20.00 of credit (created below it, before any webhook),
    // then the webhook when one is given, then a charge of 16.00 that crosses below the threshold.
    private async Task CrossBelowTheThresholdAsync(TenantId tenant, WebhookSettings? webhook)
    {
        var setUp = await Store.ExecuteWalletOperationsAsync(tenant,
            [new CreateWallet("c", "w", Currency.USD, Usd(0), Usd(5)), new TopUp("t", "w", Usd(20), null)], Now.AddMinutes(-1));
        if (webhook is not null)
            await Store.SaveWebhookAsync(tenant, webhook);
        var charge = await Store.ExecuteWalletOperationsAsync(tenant, [new WalletCharge("big", "w", Usd(16))], Now);
        Assert.All(setUp.Concat(charge), r => Assert.Equal(WalletStatus.Accepted, r.Status));
    }

    [StoreFact]
    public async Task CrossingBelowTheThreshold_WithAWebhook_AddsOnePendingDelivery_OnlyForThatTenant()
    {
        await CrossBelowTheThresholdAsync(Acme, new WebhookSettings(new Uri("https://hooks.example.com/acme"), null));
        await CrossBelowTheThresholdAsync(Globex, null); // no webhook: its crossings are recorded, nothing is queued

        var delivery = Assert.Single(await Store.GetWebhookDeliveriesAsync(Acme, 10));
        Assert.Equal((Acme, "w", 4.00m, 5.00m, Now, DeliveryStatus.Pending), (delivery.Tenant, delivery.Wallet, delivery.Available.Amount, delivery.Threshold.Amount, delivery.OccurredAt, delivery.Status));
        Assert.Equal(Currency.USD, delivery.Available.Currency);
        Assert.Empty(delivery.Attempts);
        Assert.Empty(await Store.GetWebhookDeliveriesAsync(Globex, 10));
        Assert.Equal([true, false, true], (await Store.GetWalletEventsAsync(Globex, "w")).Select(e => e.Low));

        // Going back above the threshold is an event but not a low-balance notification.
        await RunAsync(new TopUp("t2", "w", Usd(10), null));
        Assert.Single(await Store.GetWebhookDeliveriesAsync(Acme, 10));
    }

    [StoreFact]
    public async Task Claim_TakesADueDeliveryOnce_UntilItsLeaseEnds()
    {
        var hook = new WebhookSettings(new Uri("https://hooks.example.com/acme"), "k");
        await CrossBelowTheThresholdAsync(Acme, hook);
        Assert.Empty(await Store.ClaimWebhookDeliveriesAsync(Now.AddSeconds(-1), Now.AddMinutes(1), 10)); // not due yet

        var leaseEnd = Now.AddSeconds(30);
        var claimed = Assert.Single(await Store.ClaimWebhookDeliveriesAsync(Now, leaseEnd, 10));
        Assert.Equal(hook, claimed.Webhook);
        await using var second = await OpenSecondConnectionAsync();
        Assert.Empty(await second.ClaimWebhookDeliveriesAsync(Now.AddSeconds(29), Now.AddMinutes(1), 10)); // another sender does not take it

        var again = Assert.Single(await second.ClaimWebhookDeliveriesAsync(leaseEnd, leaseEnd.AddSeconds(30), 10)); // the first sender died
        Assert.Equal(claimed.Delivery.Id, again.Delivery.Id);
    }

    [StoreFact]
    public async Task Attempts_AreRecordedInOrder_AndADeliveredOneIsNeverTakenAgain()
    {
        await CrossBelowTheThresholdAsync(Acme, new WebhookSettings(new Uri("https://hooks.example.com/acme"), null));
        var id = Assert.Single(await Store.ClaimWebhookDeliveriesAsync(Now, Now.AddSeconds(30), 10)).Delivery.Id;

        var first = new WebhookAttempt(1, Now, 503, null);
        Assert.True(await Store.RecordWebhookAttemptAsync(Acme, id, first, DeliveryStatus.Pending, Now.AddSeconds(2)));
        Assert.False(await Store.RecordWebhookAttemptAsync(Acme, id, first, DeliveryStatus.Pending, Now.AddSeconds(2))); // a repeat of attempt 1
        Assert.False(await Store.RecordWebhookAttemptAsync(Globex, id, new WebhookAttempt(2, Now, 200, null), DeliveryStatus.Delivered, Now)); // not Globex's
        var second = new WebhookAttempt(2, Now.AddSeconds(2), null, "The receiver did not answer within 10 s.");
        Assert.True(await Store.RecordWebhookAttemptAsync(Acme, id, second, DeliveryStatus.Pending, Now.AddSeconds(6)));
        var third = new WebhookAttempt(3, Now.AddSeconds(6), 200, null);
        Assert.True(await Store.RecordWebhookAttemptAsync(Acme, id, third, DeliveryStatus.Delivered, Now.AddSeconds(6)));
        Assert.False(await Store.RecordWebhookAttemptAsync(Acme, id, new WebhookAttempt(4, Now.AddSeconds(7), 200, null), DeliveryStatus.Delivered, Now));

        Store = await ReopenAsync(Store);
        Assert.Empty(await Store.ClaimWebhookDeliveriesAsync(Now.AddDays(1), Now.AddDays(2), 10));
        var delivery = Assert.Single(await Store.GetWebhookDeliveriesAsync(Acme, 10));
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal([first, second, third], delivery.Attempts);
    }

    private static RatedItem Rated(Interaction interaction, params ChargeLine[] lines) =>
        new(RatedSource.Interaction, interaction.Id, interaction.Start, "2026-01-01", lines);

    private static ChargeLine Line(decimal amount) =>
        new("voice-in", "2026-01-01", Meter.VoiceSeconds, 320m, 360m, 0.0125m, 60m, new ContactCost.Money(amount, Currency.USD));

    private async Task<List<Interaction>> ReadAllAsync(TenantId tenant)
    {
        var list = new List<Interaction>();
        await foreach (var interaction in Store.ReadInteractionsAsync(tenant, DateTimeOffset.MinValue.AddDays(1), DateTimeOffset.MaxValue.AddDays(-1)))
            list.Add(interaction);
        return list;
    }
}
