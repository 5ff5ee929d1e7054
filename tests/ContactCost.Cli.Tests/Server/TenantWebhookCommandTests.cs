using System.Text.Json;
using ContactCost.Cli.Server.Webhooks;
using CsCheck;

namespace ContactCost.Tests.Server;

/// <summary><c>ccost tenant set --webhook</c> end to end, and the retry schedule of webhook deliveries.</summary>
public sealed class TenantWebhookCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task SetWebhook_IsShown_WithoutItsSecret_AndRemoved()
    {
        var db = folder.File("t.db");
        var set = await Ccost.RunAsync("tenant", "set", "--db", db, "--tenant", "acme", "--webhook", "https://hooks.example.com/ccost", "--webhook-secret", "s3cret");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains("webhook https://hooks.example.com/ccost (signed)", set.Out);

        var show = await Ccost.RunAsync("tenant", "show", "--db", db, "--tenant", "acme", "--json");
        var json = JsonDocument.Parse(show.Out).RootElement;
        Assert.Equal("https://hooks.example.com/ccost", json.GetProperty("webhook").GetString());
        Assert.True(json.GetProperty("webhookSigned").GetBoolean());
        Assert.Equal("UTC", json.GetProperty("timeZone").GetString());
        Assert.DoesNotContain("s3cret", show.Out, StringComparison.Ordinal);

        var removed = await Ccost.RunAsync("tenant", "set", "--db", db, "--tenant", "acme", "--no-webhook");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Contains("no webhook", removed.Out);
    }

    [Theory]
    [InlineData("Nothing to change: give --time-zone ZONE, --webhook URL or --no-webhook.")]
    [InlineData("'ftp://hooks.example.com/x' is not a webhook URL: give an absolute http or https URL", "--webhook", "ftp://hooks.example.com/x")]
    [InlineData("--webhook-secret signs a webhook's deliveries: give it with --webhook URL.", "--webhook-secret", "s")]
    [InlineData("--no-webhook removes the webhook", "--no-webhook", "--webhook", "https://hooks.example.com/x")]
    public async Task AWebhookOptionThatCannotWork_FailsWithAMessage(string message, params string[] options)
    {
        var result = await Ccost.RunAsync(["tenant", "set", "--db", folder.File("t.db"), .. options]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void Backoff_GrowsByDoubling_UpToTheCap_AndKeepsARandomHalf()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int[1, 10_000], Gen.Int[1, 100_000], Gen.Int[0, int.MaxValue]).Sample((attempt, firstMs, capMs, seed) =>
        {
            var options = WebhookOptions.Default with { FirstRetry = TimeSpan.FromMilliseconds(firstMs), MaxRetry = TimeSpan.FromMilliseconds(Math.Max(firstMs, capMs)) };
            var step = Math.Min(firstMs * Math.Pow(2, attempt - 1), options.MaxRetry.TotalMilliseconds);
            var wait = options.Backoff(attempt, new Random(seed)).TotalMilliseconds;
            return wait >= step / 2 - 0.001 && wait <= step + 0.001;
        });
    }

    [Theory]
    [InlineData(1, 5_000)]
    [InlineData(2, 10_000)]
    [InlineData(4, 40_000)]
    [InlineData(8, 600_000)] // 5 s × 2^7 = 640 s, capped at 10 min
    public void Backoff_WithTheDefaults_IsBetweenHalfTheStepAndTheStep(int attempt, int stepMs)
    {
        var lowest = WebhookOptions.Default.Backoff(attempt, new ZeroRandom());
        var highest = WebhookOptions.Default.Backoff(attempt, new OneRandom());
        Assert.Equal(TimeSpan.FromMilliseconds(stepMs / 2), lowest);
        Assert.InRange(highest.TotalMilliseconds, stepMs - 1, stepMs);
    }

    private sealed class ZeroRandom : Random
    {
        public override double NextDouble() => 0;
    }

    private sealed class OneRandom : Random
    {
        public override double NextDouble() => 0.9999999999;
    }
}
