namespace ContactCost.Cli.Server.Webhooks;

/// <summary>How the server posts low-balance webhooks: the wait for an answer, the retries and how often it looks for due deliveries.</summary>
/// <param name="Timeout">How long an attempt waits for the receiver's answer.</param>
/// <param name="MaxAttempts">Attempts before a delivery is marked failed.</param>
/// <param name="FirstRetry">The wait before the second attempt; each later wait doubles, up to <paramref name="MaxRetry"/>.</param>
/// <param name="MaxRetry">The longest wait between two attempts.</param>
/// <param name="PollInterval">How often the sender looks for due deliveries.</param>
/// <param name="Concurrency">How many deliveries are posted at once.</param>
/// <param name="Lease">
/// How long a delivery taken to be posted is kept from other senders: longer than <paramref name="Timeout"/>, so the attempt is
/// recorded first. A sender that stops mid-post leaves the delivery due again when the lease ends.
/// </param>
internal sealed record WebhookOptions(TimeSpan Timeout, int MaxAttempts, TimeSpan FirstRetry, TimeSpan MaxRetry, TimeSpan PollInterval, int Concurrency, TimeSpan Lease)
{
    /// <summary>10 s to answer, 8 attempts over about 20 minutes (waits of 5 s, 10 s, … up to 10 min), a look every second, a 40 s lease.</summary>
    public static WebhookOptions Default { get; } =
        new(TimeSpan.FromSeconds(10), 8, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1), 16, TimeSpan.FromSeconds(40));

    /// <summary>
    /// The wait after attempt <paramref name="attempt"/> (1 for the first) failed: the exponential
    /// step <c>FirstRetry × 2^(attempt−1)</c>, capped at <see cref="MaxRetry"/>, of which a random
    /// half is kept ("equal jitter"), so receivers that fail together are not retried in lockstep.
    /// </summary>
    public TimeSpan Backoff(int attempt, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentNullException.ThrowIfNull(random);
        var step = FirstRetry.Ticks;
        for (var i = 1; i < attempt && step < MaxRetry.Ticks; i++)
            step *= 2;
        step = Math.Min(step, MaxRetry.Ticks);
        return TimeSpan.FromTicks(step / 2 + (long)(random.NextDouble() * (step - step / 2)));
    }
}
