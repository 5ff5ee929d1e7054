namespace ContactCost.Cli.Server.Webhooks;

/// <summary>The rule for a webhook URL, the same for <c>PUT /api/webhook</c> and <c>ccost tenant set --webhook</c>.</summary>
internal static class WebhookUrl
{
    /// <summary>The URL, or null with <paramref name="error"/> saying why it is not one a webhook can use.</summary>
    public static Uri? Parse(string? text, out string? error)
    {
        error = null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0)
            return url;
        error = $"'{text}' is not a webhook URL: give an absolute http or https URL such as https://hooks.example.com/ccost.";
        return null;
    }
}
