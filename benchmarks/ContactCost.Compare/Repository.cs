namespace ContactCost.Compare;

/// <summary>The checkout this program runs from, found by its solution file.</summary>
internal static class Repository
{
    public static string Root()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ContactCost.slnx")))
                    return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run this from a ContactCost checkout: ContactCost.slnx was not found.");
    }

    /// <summary>The full path of the ccost.dll to run: <paramref name="given"/>, else the Release build in the checkout at <paramref name="root"/>.</summary>
    /// <exception cref="InvalidOperationException">The file is not there.</exception>
    public static string CcostDll(string? given, string root)
    {
        var dll = Path.GetFullPath(given ?? Path.Combine(root, "src", "ContactCost.Cli", "bin", "Release", "net10.0", "ccost.dll"));
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"{dll} does not exist: build it with dotnet build -c Release src/ContactCost.Cli, or give --ccost.");
    }
}
