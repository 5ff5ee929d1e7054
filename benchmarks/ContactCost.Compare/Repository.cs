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
}
