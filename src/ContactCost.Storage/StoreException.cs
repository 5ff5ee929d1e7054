namespace ContactCost.Storage;

/// <summary>The store cannot be used as asked (not a store file, written by a newer version, ...); the message says what to do.</summary>
public class StoreException : Exception
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    public StoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
