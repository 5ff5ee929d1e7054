using BenchmarkDotNet.Running;

namespace ContactCost.Benchmarks;

/// <summary>Runs the benchmarks the command line selects (e.g. <c>--filter '*Rating*'</c>).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
