namespace ContactCost.Tenants;

/// <summary>
/// The owner of a set of records: a company, a department, a customer of a provider. Every stored
/// record carries one. <c>default(TenantId)</c> is <see cref="Default"/>.
/// </summary>
public readonly record struct TenantId
{
    /// <summary>The longest id accepted, in characters.</summary>
    public const int MaxLength = 64;

    private const string DefaultValue = "default";

    private readonly string? value;

    private TenantId(string value) => this.value = value;

    /// <summary>The tenant used when none is named: <c>default</c>.</summary>
    public static TenantId Default => default;

    /// <summary>The id text: lower-case letters, digits, '.', '_' and '-'.</summary>
    public string Value => value ?? DefaultValue;

    /// <summary>Checks and wraps a tenant id; throws with the rule when it breaks it.</summary>
    public static TenantId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id)
            ? id
            : throw new ArgumentException(
                $"'{text}' is not a tenant id: use 1 to {MaxLength} lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.",
                nameof(text));
    }

    /// <summary>True when <paramref name="text"/> is a valid tenant id.</summary>
    public static bool TryParse(string? text, out TenantId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !char.IsAsciiLetterOrDigit(text[0]))
            return false;
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'))
                return false;
        }

        id = text == DefaultValue ? default : new TenantId(text);
        return true;
    }

    /// <summary>The id text.</summary>
    public override string ToString() => Value;
}
