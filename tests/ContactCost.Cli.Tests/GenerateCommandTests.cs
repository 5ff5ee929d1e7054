using System.Security.Cryptography;

namespace ContactCost.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Generate_WritesExactlyTheRows_TheSameForTheSameSeed()
    {
        var a = folder.File("a.csv");
        var b = folder.File("b.csv");
        var c = folder.File("c.csv");
        Assert.Equal(0, (await Ccost.RunAsync("generate", "--rows", "5000", "--out", a, "--seed", "7")).ExitCode);
        Assert.Equal(0, (await Ccost.RunAsync("generate", "--rows", "5000", "--out", b, "--seed", "7")).ExitCode);
        Assert.Equal(0, (await Ccost.RunAsync("generate", "--rows", "5000", "--out", c, "--seed", "8")).ExitCode);

        Assert.Equal(5001, File.ReadLines(a).Count()); // header + rows
        Assert.Equal(Hash(a), Hash(b));
        Assert.NotEqual(Hash(a), Hash(c));
        Assert.StartsWith("id,channel,direction,customer,start,end,wait_s,talk_s,hold_s,wrap_s,queue,agent,units,destination,resolved", File.ReadLines(a).First());
    }

    [Fact]
    public async Task GeneratedFile_ImportsWithoutASingleRejection()
    {
        var csv = folder.File("week.csv");
        var generate = await Ccost.RunAsync("generate", "--days", "7", "--out", csv, "--json");
        Assert.Equal(0, generate.ExitCode);
        var import = await Ccost.RunAsync("import", csv, "--db", folder.File("c.db"), "--json");
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("\"rejected\": 0", import.Out);
        Assert.False(File.Exists(csv + ".rejected.csv"));
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
