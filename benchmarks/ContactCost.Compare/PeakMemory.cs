using System.Globalization;

namespace ContactCost.Compare;

/// <summary>Peak resident memory (VmHWM) from Linux's /proc, of a child process or of this one.</summary>
internal static class PeakMemory
{
    /// <summary>The peak resident bytes of <paramref name="pid"/> so far, or null once it has gone.</summary>
    public static long? Of(int pid) => Read($"/proc/{pid}/status");

    /// <summary>This process's peak resident bytes so far.</summary>
    public static long? OfSelf() => Read("/proc/self/status");

    /// <summary>
    /// Starts this process's peak afresh (writing 5 to clear_refs resets VmHWM to the current
    /// resident size), so an in-process engine's peak is not hidden by an earlier step's.
    /// </summary>
    public static void ResetSelf()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not Linux, or not allowed: the peak then covers the whole run so far.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long? Read(string statusFile)
    {
        try
        {
            foreach (var line in File.ReadLines(statusFile))
            {
                // "VmHWM:     123456 kB"
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
