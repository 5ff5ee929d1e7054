using ContactCost.Formats.Csv;

namespace ContactCost.Tests.Csv;

public class StringPoolTests
{
    [Fact]
    public void A_repeated_value_is_one_instance()
    {
        var pool = new StringPool();

        var first = pool.Get("billing".AsSpan());
        var second = pool.Get("billing".ToCharArray());

        Assert.Equal("billing", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void A_column_of_unique_values_stops_being_looked_up_once_the_pool_is_full()
    {
        var pool = new StringPool();
        var values = StringPool.Capacity + StringPool.Trial;
        for (var i = 0; i < values; i++)
            Assert.Equal($"e{i:D9}", pool.Get($"e{i:D9}"));

        Assert.False(pool.IsLooking);
        Assert.Equal("e000000001", pool.Get("e000000001"));
    }

    [Fact]
    public void A_full_pool_whose_values_repeat_keeps_looking_and_sharing()
    {
        var pool = new StringPool();
        for (var i = 0; i < StringPool.Capacity; i++)
            pool.Get($"agent-{i}");

        // Half the look-ups after it filled find their value: still worth it.
        var kept = pool.Get("agent-7");
        for (var i = 0; i < StringPool.Trial / 2; i++)
        {
            Assert.Same(kept, pool.Get("agent-7"));
            pool.Get($"new-{i}");
        }

        Assert.True(pool.IsLooking);
        Assert.Same(kept, pool.Get("agent-7".ToCharArray()));
    }
}
