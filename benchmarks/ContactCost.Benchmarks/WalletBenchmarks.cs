using BenchmarkDotNet.Attributes;
using ContactCost.Wallets;

namespace ContactCost.Benchmarks;

/// <summary>
/// Wallet rules in memory (no store): a fresh wallet topped up once, then 1,000 charges, or 1,000
/// authorize + commit pairs, through <see cref="WalletBook.Apply"/>. Operation ids are made
/// beforehand so string formatting is not measured. A row is the cost of one operation (one pair).
/// </summary>
[MemoryDiagnoser]
public class WalletBenchmarks
{
    public const int Operations = 1_000;

    private static readonly DateTimeOffset Now = new(2026, 10, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly Currency Usd = Currency.USD;

    private readonly Money cent = new(0.01m, Usd);
    private string[] charges = [];
    private string[] authorizations = [];
    private string[] commits = [];

    [GlobalSetup]
    public void Setup()
    {
        charges = Enumerable.Range(0, Operations).Select(i => $"charge-{i}").ToArray();
        authorizations = Enumerable.Range(0, Operations).Select(i => $"auth-{i}").ToArray();
        commits = Enumerable.Range(0, Operations).Select(i => $"commit-{i}").ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public long Charge()
    {
        var book = FundedWallet();
        for (var i = 0; i < Operations; i++)
            Require(book.Apply(new WalletCharge(charges[i], book.Id, cent), Now));
        return book.AvailableMinor;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long AuthorizeThenCommit()
    {
        var book = FundedWallet();
        var ttl = TimeSpan.FromMinutes(5);
        for (var i = 0; i < Operations; i++)
        {
            // The reservation's id is its authorize operation's id.
            Require(book.Apply(new Authorize(authorizations[i], book.Id, cent, ttl), Now));
            Require(book.Apply(new Commit(commits[i], authorizations[i], cent), Now));
        }

        return book.AvailableMinor;
    }

    private WalletBook FundedWallet()
    {
        var book = WalletBook.Open(new CreateWallet("create", "bench", Usd, Money.Zero(Usd), null), Now);
        Require(book.Apply(new TopUp("topup", book.Id, new Money(1_000_000m, Usd), null), Now));
        return book;
    }

    private static void Require(WalletResult result)
    {
        if (result.Status != WalletStatus.Accepted)
            throw new InvalidOperationException($"The wallet refused an operation: {result}");
    }
}
