namespace ContactCost.Tests;

/// <summary>This test assembly's name, for attributes that must name it as a constant.</summary>
internal static class TestAssembly
{
    public const string Name = "ContactCost.Storage.Tests";
}
