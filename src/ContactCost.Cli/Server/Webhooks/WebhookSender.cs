using System.Globalization;
using System.Net.Http.Headers;
using ContactCost.Storage;
using Microsoft.Extensions.Hosting;

namespace ContactCost.Cli.Server.Webhooks;

/// <summary>
/// Posts the outbox's due low-balance deliveries, in the background of <c>ccost serve</c>. Each one
/// is claimed for a lease (so another server on the same store does not post it meanwhile), posted
/// with a timeout, and its attempt recorded with the delivery's new state: delivered on a 2xx,
/// otherwise due again after an exponential, jittered wait, or failed after the last attempt.
/// </summary>
/// <remarks>
/// A crash between the post and the record leaves the delivery pending: it is posted again once
/// the lease ends, with the same id, so a receiver that drops ids it has seen sees it once. Once
/// recorded delivered, it is never posted again.
/// </remarks>
internal sealed class WebhookSender(StoreOpener stores, TimeProvider clock, WebhookOptions options) : BackgroundService
{
    // Redirects are not followed: a receiver says where it is in the tenant's settings, not in a 3xx.
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
    private readonly List<Task> sending = [];

    /// <inheritdoc />
    public override void Dispose()
    {
        http.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            sending.RemoveAll(t => t.IsCompleted);
            var free = options.Concurrency - sending.Count;
            try
            {
                if (free > 0)
                {
                    var now = clock.GetUtcNow();
                    IReadOnlyList<DueDelivery> due;
                    await using (var store = await stores.OpenAsync(stoppingToken).ConfigureAwait(false))
                        due = await store.ClaimWebhookDeliveriesAsync(now, now + options.Lease, free, stoppingToken).ConfigureAwait(false);
                    sending.AddRange(due.Select(d => Task.Run(() => SendAsync(d, stoppingToken), CancellationToken.None)));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is StoreException or System.Data.Common.DbException)
            {
                // The store is away or busy for now (readiness reports it); the deliveries wait in it, and the next look tries again.
            }

            try
            {
                await Task.Delay(options.PollInterval, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(sending).ConfigureAwait(false);
    }

    private async Task SendAsync(DueDelivery due, CancellationToken stoppingToken)
    {
        var delivery = due.Delivery;
        var number = delivery.Attempts.Count + 1;
        var at = clock.GetUtcNow();
        int? status = null;
        string? error = null;
        try
        {
            if (due.Webhook is { } webhook)
                (status, error) = await PostAsync(delivery, webhook, number, stoppingToken).ConfigureAwait(false);
            else
                error = "The tenant has no webhook any more (PUT /api/webhook sets one).";

            var outcome = status is >= 200 and < 300 ? DeliveryStatus.Delivered
                : number >= options.MaxAttempts || due.Webhook is null ? DeliveryStatus.Failed
                : DeliveryStatus.Pending;
            var next = outcome == DeliveryStatus.Pending ? clock.GetUtcNow() + options.Backoff(number, Random.Shared) : at;
            await using var store = await stores.OpenAsync(stoppingToken).ConfigureAwait(false);
            await store.RecordWebhookAttemptAsync(delivery.Tenant, delivery.Id, new WebhookAttempt(number, at, status, error), outcome, next, stoppingToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the delivery stays pending and is posted again after its lease.
        }
        catch (Exception e) when (e is StoreException or System.Data.Common.DbException)
        {
            // The attempt could not be recorded: the delivery stays pending and is posted again after its lease.
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookDelivery delivery, WebhookSettings webhook, int number, CancellationToken stoppingToken)
    {
        var body = WebhookPayload.Body(delivery);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-ContactCost-Event", WebhookPayload.EventType);
        request.Headers.Add("X-ContactCost-Delivery", delivery.Id);
        request.Headers.Add("X-ContactCost-Attempt", number.ToString(CultureInfo.InvariantCulture));
        if (webhook.Secret is { } secret)
            request.Headers.Add(WebhookPayload.SignatureHeader, WebhookPayload.Signature(secret, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return ((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, $"No answer within {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
    }
}
