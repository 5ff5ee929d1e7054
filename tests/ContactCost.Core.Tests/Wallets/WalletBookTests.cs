using ContactCost.Wallets;

namespace ContactCost.Tests.Wallets;

public class WalletBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static ContactCost.Money Usd(decimal amount) => new(amount, Currency.USD);

    private static WalletBook Wallet(decimal creditLimit = 0, decimal? lowBalance = null) =>
        WalletBook.Open(new CreateWallet("create", "w1", Currency.USD, Usd(creditLimit), lowBalance is { } l ? Usd(l) : null), T0);

    private static (decimal Available, decimal Reserved, decimal Balance) Figures(WalletBook book) =>
        (book.Balance.Available.Amount, book.Balance.Reserved.Amount, book.Balance.Balance.Amount);

    [Fact]
    public void TopUp_ThenCharge_MovesMoneyAndRecordsBothEntries()
    {
        var book = Wallet();
        Assert.Equal(WalletStatus.Accepted, book.Apply(new TopUp("t1", "w1", Usd(100m), null), T0).Status);
        Assert.Equal(WalletStatus.Accepted, book.Apply(new WalletCharge("c1", "w1", Usd(0.25m)), T0).Status);
        Assert.Equal((99.75m, 0m, 99.75m), Figures(book));
        Assert.Equal(
            ["1 TopUp Funding>Available 100.00", "2 Charge Available>Usage 0.25"],
            book.NewEntries.Select(e => $"{e.Sequence} {e.Kind} {e.From}>{e.To} {e.Amount.Amount:F2}"));
    }

    [Fact]
    public void Charge_BeyondCredit_IsDenied_WithTheFigures_AndChangesNothing()
    {
        var book = Wallet();
        book.Apply(new TopUp("t1", "w1", Usd(5m), null), T0);
        var result = book.Apply(new WalletCharge("c1", "w1", Usd(5.01m)), T0);
        Assert.Equal(WalletStatus.Denied, result.Status);
        Assert.Equal("Insufficient credit: 5.01 USD asked, 5.00 USD can be spent (available 5.00 USD, credit limit 0.00 USD).", result.Reason);
        Assert.Equal((5m, 0m, 5m), Figures(book));
        Assert.Single(book.NewEntries);
    }

    [Fact]
    public void CreditLimit_LetsAvailableGoNegative_ToTheLimitAndNoFurther()
    {
        var book = Wallet(creditLimit: 20m);
        book.Apply(new TopUp("t1", "w1", Usd(10m), null), T0);
        Assert.Equal(WalletStatus.Accepted, book.Apply(new WalletCharge("c1", "w1", Usd(30m)), T0).Status);
        Assert.Equal(-20m, book.Balance.Available.Amount);
        Assert.Equal(WalletStatus.Denied, book.Apply(new WalletCharge("c2", "w1", Usd(0.01m)), T0).Status);

        // A top-up pays the credit line back first.
        book.Apply(new TopUp("t2", "w1", Usd(25m), null), T0);
        Assert.Equal((5m, 0m, 5m), Figures(book));
        Assert.Equal(0, book.DebtMinor);
    }

    [Fact]
    public void CreditLineReserved_ThenRepaidByATopUp_ComesBackAsTheWalletsOwnCredit()
    {
        // 14.54 reserved on the credit line; a 5.91 top-up repays part of that; the release gives the
        // credit line back only what is still owed and the rest becomes spendable credit.
        var book = Wallet(creditLimit: 50m);
        book.Apply(new Authorize("call-1", "w1", Usd(14.54m), TimeSpan.FromMinutes(5)), T0);
        book.Apply(new TopUp("t1", "w1", Usd(5.91m), null), T0);
        Assert.Equal((-8.63m, 14.54m, 5.91m), Figures(book));
        book.Apply(new Release("r1", "call-1"), T0);
        Assert.Equal((5.91m, 0m, 5.91m), Figures(book));
        Assert.Equal(0, book.DebtMinor);
        Assert.Equal(("call-1:repaid", 591L), (book.Lots.Single().Id, book.Lots.Single().RemainingMinor));
    }

    [Fact]
    public void Authorize_Commit_DebitsTheUsage_AndReleasesTheRest()
    {
        var book = Wallet();
        book.Apply(new TopUp("t1", "w1", Usd(10m), null), T0);
        var auth = book.Apply(new Authorize("call-1", "w1", Usd(3m), TimeSpan.FromMinutes(5)), T0);
        Assert.Equal(("call-1", 7m, 3m), (auth.Reservation, book.Balance.Available.Amount, book.Balance.Reserved.Amount));

        var commit = book.Apply(new Commit("call-1-end", "call-1", Usd(1.25m)), T0.AddMinutes(2));
        Assert.Equal(WalletStatus.Accepted, commit.Status);
        Assert.Equal((8.75m, 0m, 8.75m), Figures(book));
        Assert.Equal(
            ["Reserve 3.00", "Commit 1.25", "Release 1.75"],
            book.NewEntries.Skip(1).Select(e => $"{e.Kind} {e.Amount.Amount:F2}"));
    }

    [Fact]
    public void Commit_MoreThanReserved_ChargesTheExcess_WhenTheCreditCoversIt()
    {
        var book = Wallet();
        book.Apply(new TopUp("t1", "w1", Usd(10m), null), T0);
        book.Apply(new Authorize("call-1", "w1", Usd(3m), TimeSpan.FromMinutes(5)), T0);
        var result = book.Apply(new Commit("end", "call-1", Usd(3.25m)), T0);
        Assert.Equal(WalletStatus.Accepted, result.Status);
        Assert.Equal((6.75m, 0m, 6.75m), Figures(book));
        Assert.Equal(6.75m, result.Balance!.Available.Amount);
    }

    [Fact]
    public void Commit_BeyondReservationAndCredit_IsDenied_SaysTheMost_NothingDebited()
    {
        var book = Wallet();
        book.Apply(new TopUp("t1", "w1", Usd(4m), null), T0);
        book.Apply(new Authorize("call-1", "w1", Usd(3m), TimeSpan.FromMinutes(5)), T0);
        var result = book.Apply(new Commit("end", "call-1", Usd(4.01m)), T0);
        Assert.Equal(WalletStatus.Denied, result.Status);
        Assert.Contains("at most 4.00 USD can be committed", result.Reason);
        Assert.Equal((1m, 3m, 4m), Figures(book));
        Assert.Equal(WalletStatus.Accepted, book.Apply(new Commit("end-2", "call-1", Usd(4m)), T0).Status);
        Assert.Equal((0m, 0m, 0m), Figures(book));
    }

    [Fact]
    public void Reservation_PastItsTimeToLive_ReleasesByItself()
    {
        var book = Wallet();
        book.Apply(new TopUp("t1", "w1", Usd(10m), null), T0);
        book.Apply(new Authorize("call-1", "w1", Usd(4m), TimeSpan.FromSeconds(300)), T0);
        book.Settle(T0.AddSeconds(299), "look");
        Assert.Equal(4m, book.Balance.Reserved.Amount);
        book.Settle(T0.AddSeconds(300), "look");
        Assert.Equal((10m, 0m, 10m), Figures(book));
        Assert.Equal(EntryKind.ReservationExpired, book.NewEntries[^1].Kind);
        Assert.Equal(ReservationEnd.Expired, book.ClosedReservations["call-1"]);

        var late = book.Apply(new Commit("end", "call-1", Usd(1m)), T0.AddSeconds(301));
        Assert.Equal(WalletStatus.Denied, late.Status);
        Assert.Contains("is not open", late.Reason);
    }

    [Fact]
    public void ExpiringCredit_IsSpentFirst_AndWhatIsLeftExpiresWithAnEntry()
    {
        var book = Wallet();
        book.Apply(new TopUp("forever", "w1", Usd(10m), null), T0);
        book.Apply(new TopUp("promo", "w1", Usd(5m), T0.AddDays(30)), T0);
        book.Apply(new WalletCharge("c1", "w1", Usd(3m)), T0.AddDays(1)); // from the promo: 2.00 left there
        Assert.Equal([("promo", 200L), ("forever", 1000L)], book.Lots.Select(l => (l.Id, l.RemainingMinor)));

        book.Settle(T0.AddDays(30), "month-end");
        Assert.Equal((10m, 0m, 10m), Figures(book));
        var expiry = book.NewEntries[^1];
        Assert.Equal((EntryKind.CreditExpired, Account.Available, Account.Expired, 2m, "promo"), (expiry.Kind, expiry.From, expiry.To, expiry.Amount.Amount, expiry.Reference));
    }

    [Fact]
    public void ReservedCredit_OfALotThatExpires_IsProtected_UntilTheReservationEnds()
    {
        // 5.00 promo (expiring) and nothing else: 4.00 reserved from it; the promo expires with
        // the call still on. Available never goes below zero; the unused 1.00 expires when released.
        var book = Wallet();
        book.Apply(new TopUp("promo", "w1", Usd(5m), T0.AddMinutes(10)), T0);
        book.Apply(new Authorize("call-1", "w1", Usd(4m), TimeSpan.FromHours(1)), T0);
        book.Settle(T0.AddMinutes(10), "tick");
        Assert.Equal((0m, 4m, 4m), Figures(book)); // the unreserved 1.00 expired
        book.Apply(new Commit("end", "call-1", Usd(3m)), T0.AddMinutes(20));
        Assert.Equal((0m, 0m, 0m), Figures(book)); // 3.00 used, 1.00 given back to an expired lot: expired
        Assert.Equal(
            ["Reserve 4.00", "CreditExpired 1.00", "Commit 3.00", "Release 1.00", "CreditExpired 1.00"],
            book.NewEntries.Skip(1).Select(e => $"{e.Kind} {e.Amount.Amount:F2}"));
    }

    [Fact]
    public void ReleasedCredit_OfALotSpentToZero_KeepsItsExpiry_AfterAReload()
    {
        var book = Wallet();
        book.Apply(new TopUp("promo", "w1", Usd(5m), T0.AddDays(1)), T0);
        book.Apply(new Authorize("call-1", "w1", Usd(5m), TimeSpan.FromHours(1)), T0);
        Assert.Empty(book.Lots);

        // As the store would load it: the lot is gone, only the reservation remembers it.
        var reloaded = new WalletBook("w1", Currency.USD, 0, null, book.DebtMinor, book.IsLow, book.NextSequence, book.Lots, book.Reservations);
        reloaded.Apply(new Release("r", "call-1"), T0.AddMinutes(5));
        Assert.Equal(T0.AddDays(1), Assert.Single(reloaded.Lots).ExpiresAt);
        reloaded.Settle(T0.AddDays(1), "tick");
        Assert.Equal(0m, reloaded.Balance.Balance.Amount);
    }

    [Fact]
    public void LowBalance_IsRecordedWhenCrossed_BothWays_OnceEach()
    {
        var book = Wallet(lowBalance: 10m);
        Assert.True(book.NewEvents.Single().Low); // a new, empty wallet starts below its threshold
        book.Apply(new TopUp("t1", "w1", Usd(50m), null), T0);
        book.Apply(new WalletCharge("c1", "w1", Usd(30m)), T0);
        book.Apply(new WalletCharge("c2", "w1", Usd(15m)), T0);
        book.Apply(new WalletCharge("c3", "w1", Usd(1m)), T0);
        Assert.Equal([true, false, true], book.NewEvents.Select(e => e.Low));
        Assert.Equal("c2", book.NewEvents[^1].OperationId);
        Assert.Equal(5m, book.NewEvents[^1].Available.Amount);
    }

    // amount, why it is refused
    [Theory]
    [InlineData("0", "must be greater than zero")]
    [InlineData("-1", "must be greater than zero")]
    [InlineData("1.005", "has more digits than USD has minor units")]
    public void Amounts_MustBeWholeMinorUnits_AndPositive(string amount, string reason)
    {
        var book = Wallet();
        var result = book.Apply(new TopUp("t", "w1", Usd(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)), null), T0);
        Assert.Equal(WalletStatus.Invalid, result.Status);
        Assert.Contains(reason, result.Reason);
    }

    [Fact]
    public void AnotherCurrency_IsInvalid()
    {
        var result = Wallet().Apply(new TopUp("t", "w1", new ContactCost.Money(1m, Currency.EUR), null), T0);
        Assert.Equal("The amount is in EUR but wallet w1 holds USD.", result.Reason);
    }
}
