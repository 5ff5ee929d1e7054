using Xunit.Abstractions;
using Xunit.Sdk;

namespace ContactCost.Tests.Contract;

/// <summary>
/// A contract test. Written once on the abstract suite, it runs on every store's subclass; a
/// subclass marked with a <see cref="StoreAvailabilityAttribute"/> whose store is missing here
/// gets each of them reported as skipped, with the reason.
/// </summary>
// The file is compiled into each test project that runs a suite on several stores (linked into the
// Cli tests too), so the discoverer's assembly is the one it is compiled into.
[XunitTestCaseDiscoverer("ContactCost.Tests.Contract.StoreFactDiscoverer", TestAssembly.Name)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Says whether the store a contract test class runs on can run here.</summary>
[AttributeUsage(AttributeTargets.Class)]
public abstract class StoreAvailabilityAttribute : Attribute
{
    /// <summary>Why the store cannot run here, or null when it can.</summary>
    public abstract string? SkipReason { get; }
}

/// <summary>Finds <see cref="StoreFactAttribute"/> tests, and skips them where the test class's store is missing.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var type = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
        var skip = type is null ? null : (Attribute.GetCustomAttribute(type, typeof(StoreAvailabilityAttribute), inherit: true) as StoreAvailabilityAttribute)?.SkipReason;
        yield return skip is null
            ? new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skip);
    }
}
