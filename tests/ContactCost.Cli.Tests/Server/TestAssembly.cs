namespace ContactCost.Tests;

/// <summary>This test assembly's name, for attributes that must name it as a constant (the linked StoreFactAttribute).</summary>
internal static class TestAssembly
{
    public const string Name = "ContactCost.Cli.Tests";
}
