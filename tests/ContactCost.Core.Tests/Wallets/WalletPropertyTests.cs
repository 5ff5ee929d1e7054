using ContactCost.Wallets;
using CsCheck;

namespace ContactCost.Tests.Wallets;

/// <summary>
/// Long random sequences of operations, checked after every step against an independent, naive
/// model and against the ledger's own invariants.
/// </summary>
public class WalletPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    // kind (0 top-up, 1 charge, 2 authorize, 3 commit, 4 release, 5 time passes), amount in cents, pick, seconds, expiring top-up
    private static readonly Gen<(int Kind, long Cents, int Pick, int Seconds, bool Expiring)> Step =
        Gen.Select(Gen.Int[0, 5], Gen.Long[1, 5_000], Gen.Int[0, 1_000], Gen.Int[1, 900], Gen.Bool);

    [Fact]
    public void WithoutExpiringCredit_TheBookAgreesWithANaiveModel_AfterEveryStep() =>
        Gen.Select(Gen.Long[0, 10_000], Step.Array[1, 200]).Sample((limit, steps) =>
        {
            var book = WalletBook.Open(new CreateWallet("create", "w", Currency.USD, Cents(limit), null), T0);
            var model = new NaiveWallet(limit);
            var now = T0;
            var n = 0;
            foreach (var (kind, cents, pick, seconds, _) in steps)
            {
                var id = $"op{n++}";
                var open = model.Reservations.Keys.Order(StringComparer.Ordinal).ToArray();
                var target = open.Length == 0 ? "none" : open[pick % open.Length];
                WalletResult result;
                switch (kind)
                {
                    case 0:
                        result = book.Apply(new TopUp(id, "w", Cents(cents), null), now);
                        model.TopUp(cents);
                        break;
                    case 1:
                        result = book.Apply(new WalletCharge(id, "w", Cents(cents)), now);
                        if (model.Charge(cents) != (result.Status == WalletStatus.Accepted))
                            return false;
                        break;
                    case 2:
                        result = book.Apply(new Authorize(id, "w", Cents(cents), TimeSpan.FromSeconds(seconds)), now);
                        if (model.Authorize(id, cents, now.AddSeconds(seconds)) != (result.Status == WalletStatus.Accepted))
                            return false;
                        break;
                    case 3:
                        // Sometimes more than was held: the excess is charged when the credit covers it.
                        var used = open.Length == 0 ? 0 : pick % 4 == 0 ? cents : Math.Min(cents, model.Reservations[target].Amount);
                        result = book.Apply(new Commit(id, target, Cents(used)), now);
                        if (model.Close(target, used) != (result.Status == WalletStatus.Accepted))
                            return false;
                        break;
                    case 4:
                        result = book.Apply(new Release(id, target), now);
                        if (model.Close(target, 0) != (result.Status == WalletStatus.Accepted))
                            return false;
                        break;
                    default:
                        now = now.AddSeconds(seconds);
                        book.Settle(now, id);
                        model.Expire(now);
                        break;
                }

                Check(book, limit);
                if (book.AvailableMinor != model.Available || book.ReservedMinor != model.Reserved || UsageOf(book) != model.Usage)
                {
                    throw new InvalidOperationException(
                        $"step {n} ({kind}, {cents}): book {book.AvailableMinor}/{book.ReservedMinor}/{UsageOf(book)}, model {model.Available}/{model.Reserved}/{model.Usage}");
                }
            }

            return true;
        }, iter: 300);

    [Fact]
    public void WithExpiringCredit_NoMoneyIsCreatedOrLost_AndAvailableStaysWithinTheLimit() =>
        Gen.Select(Gen.Long[0, 2_000], Step.Array[1, 200]).Sample((limit, steps) =>
        {
            var book = WalletBook.Open(new CreateWallet("create", "w", Currency.USD, Cents(limit), Cents(1_000)), T0);
            var now = T0;
            var n = 0;
            var toppedUp = 0L;
            foreach (var (kind, cents, pick, seconds, expiring) in steps)
            {
                var id = $"op{n++}";
                var open = book.Reservations.Select(r => r.Id).Order(StringComparer.Ordinal).ToArray();
                var target = open.Length == 0 ? "none" : open[pick % open.Length];
                switch (kind)
                {
                    case 0:
                        if (book.Apply(new TopUp(id, "w", Cents(cents), expiring ? now.AddSeconds(seconds * 3) : null), now).Status == WalletStatus.Accepted)
                            toppedUp += cents;
                        break;
                    case 1:
                        book.Apply(new WalletCharge(id, "w", Cents(cents)), now);
                        break;
                    case 2:
                        book.Apply(new Authorize(id, "w", Cents(cents), TimeSpan.FromSeconds(seconds)), now);
                        break;
                    case 3:
                        var held = book.Reservations.FirstOrDefault(r => r.Id == target)?.AmountMinor ?? 0;
                        book.Apply(new Commit(id, target, Cents(Math.Min(cents, held))), now);
                        break;
                    case 4:
                        book.Apply(new Release(id, target), now);
                        break;
                    default:
                        now = now.AddSeconds(seconds);
                        book.Settle(now, id);
                        break;
                }

                // Everything paid in is in the wallet, spent, or expired: to the cent.
                var spent = UsageOf(book);
                var expired = book.NewEntries.Where(e => e.To == Account.Expired).Sum(e => e.Amount.ToMinorUnits());
                Check(book, limit);
                if (toppedUp != book.AvailableMinor + book.ReservedMinor + spent + expired)
                {
                    throw new InvalidOperationException(
                        $"step {n} ({kind}, {cents}): paid in {toppedUp}, available {book.AvailableMinor} + reserved {book.ReservedMinor} + spent {spent} + expired {expired}");
                }
            }

            return true;
        }, iter: 300);

    // The ledger's own invariants; throws naming the one that broke.
    private static void Check(WalletBook book, long limit)
    {
        void Require(bool holds, string what)
        {
            if (!holds)
                throw new InvalidOperationException($"{what}: available {book.AvailableMinor}, reserved {book.ReservedMinor}, debt {book.DebtMinor}, lots [{string.Join(", ", book.Lots.Select(l => $"{l.Id}:{l.RemainingMinor}"))}]");
        }

        Require(book.NewEntries.Sum(e => e.BalanceChange.ToMinorUnits()) == book.AvailableMinor + book.ReservedMinor, "balance != sum of entries");
        Require(book.NewEntries.Sum(e => e.AvailableChange.ToMinorUnits()) == book.AvailableMinor, "available != sum of its entries");
        Require(book.AvailableMinor >= -limit, "available past the credit limit");
        Require(book.DebtMinor >= 0 && book.DebtMinor <= limit, "debt outside 0..limit");
        Require(book.Lots.All(l => l.RemainingMinor > 0), "an empty or negative lot");
        Require(book.Reservations.All(r => r.AmountMinor > 0 && r.Allocations.Sum(a => a.Minor) == r.AmountMinor), "a reservation's allocations do not add up");
        Require(book.NewEntries.Select(e => e.Sequence).SequenceEqual(Enumerable.Range(1, book.NewEntries.Count).Select(i => (long)i)), "entry sequence has a gap");
    }

    private static long UsageOf(WalletBook book) => book.NewEntries.Where(e => e.To == Account.Usage).Sum(e => e.Amount.ToMinorUnits());

    private static ContactCost.Money Cents(long cents) => ContactCost.Money.FromMinorUnits(cents, Currency.USD);

    /// <summary>The rules as plainly as they can be written, for wallets whose credit never expires.</summary>
    private sealed class NaiveWallet(long limit)
    {
        public long Available { get; private set; }

        public long Usage { get; private set; }

        public Dictionary<string, (long Amount, DateTimeOffset Expires)> Reservations { get; } = [];

        public long Reserved => Reservations.Values.Sum(r => r.Amount);

        public void TopUp(long cents) => Available += cents;

        public bool Charge(long cents)
        {
            if (Available - cents < -limit)
                return false;
            Available -= cents;
            Usage += cents;
            return true;
        }

        public bool Authorize(string id, long cents, DateTimeOffset expires)
        {
            if (Available - cents < -limit)
                return false;
            Available -= cents;
            Reservations[id] = (cents, expires);
            return true;
        }

        public bool Close(string id, long used)
        {
            if (!Reservations.TryGetValue(id, out var reservation))
                return false;
            var excess = Math.Max(0, used - reservation.Amount);
            if (Available - excess < -limit)
                return false;
            Reservations.Remove(id);
            Usage += used;
            Available += reservation.Amount - used;
            return true;
        }

        public void Expire(DateTimeOffset now)
        {
            foreach (var (id, _) in Reservations.Where(r => r.Value.Expires <= now).ToArray())
                Close(id, 0);
        }
    }
}
