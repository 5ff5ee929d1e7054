namespace ContactCost.Storage;

/// <summary>A JSON document the store keeps (a price-book version, a cost model) and when it was loaded.</summary>
/// <param name="Version">The price book's effective date, or the cost model's revision number.</param>
/// <param name="Json">The document as loaded.</param>
/// <param name="LoadedAt">When it was saved.</param>
public sealed record StoredDocument(string Version, string Json, DateTimeOffset LoadedAt);

/// <summary>What saving a document did.</summary>
public enum DocumentSave
{
    /// <summary>It was new.</summary>
    Added,

    /// <summary>The same document was already stored; nothing changed.</summary>
    Unchanged,

    /// <summary>It replaced a different document of the same version.</summary>
    Replaced,
}
