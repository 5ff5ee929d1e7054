// The command: dotnet run -c Release --project benchmarks/ContactCost.Compare -- [options] (see --help).
return ContactCost.Compare.ComparisonRun.Run(args);
