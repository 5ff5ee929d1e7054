namespace ContactCost.Rating;

/// <summary>
/// The versions of a tenant's price book, so usage is always rated with the version that was in
/// force on its local start day, never with today's prices.
/// </summary>
public sealed class PriceBookHistory
{
    private readonly PriceBook[] versions;

    /// <summary>The versions, in any order; two versions may not share an effective date, and all share one currency.</summary>
    public PriceBookHistory(IEnumerable<PriceBook> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        this.versions = versions.OrderBy(v => v.Effective).ToArray();
        if (this.versions.Length == 0)
            throw new ArgumentException("A price-book history needs at least one version.", nameof(versions));
        for (var i = 1; i < this.versions.Length; i++)
        {
            if (this.versions[i].Effective == this.versions[i - 1].Effective)
                throw new ArgumentException($"Two price-book versions are effective on {this.versions[i].Version}.", nameof(versions));
            if (this.versions[i].Currency != this.versions[0].Currency)
                throw new ArgumentException(
                    $"Price-book version {this.versions[i].Version} is in {this.versions[i].Currency.Code} but {this.versions[0].Version} is in {this.versions[0].Currency.Code}; one tenant bills in one currency.",
                    nameof(versions));
        }
    }

    /// <summary>The versions, oldest first.</summary>
    public IReadOnlyList<PriceBook> Versions => versions;

    /// <summary>The currency every version bills in.</summary>
    public Currency Currency => versions[0].Currency;

    /// <summary>The version in force on <paramref name="localDay"/>, or null when none had taken effect yet.</summary>
    public PriceBook? VersionFor(DateOnly localDay)
    {
        // Versions are few; a backwards scan finds the latest one not after the day.
        for (var i = versions.Length - 1; i >= 0; i--)
        {
            if (versions[i].Effective <= localDay)
                return versions[i];
        }

        return null;
    }
}
