namespace ContactCost.Planning;

/// <summary>Present value at an effective annual discount rate, and the rate that makes it zero (IRR).</summary>
public static class Discounting
{
    /// <summary>
    /// The factor 1 / (1 + rate)^years that turns an amount paid after <paramref name="years"/> into today's money,
    /// computed in double and carried as a decimal of 15 significant digits (money stays decimal).
    /// </summary>
    public static decimal Factor(decimal rate, double years)
    {
        if (rate <= -1m)
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The discount rate must be above -1 (-100%).");
        var factor = Math.Pow(1 + (double)rate, -years);
        return decimal.Round((decimal)factor, 15, MidpointRounding.AwayFromZero);
    }

    /// <summary>The net present value in double of monthly flows (index = month from now) at an annual <paramref name="rate"/>.</summary>
    public static double PresentValue(IReadOnlyList<decimal> monthlyFlows, double rate)
    {
        ArgumentNullException.ThrowIfNull(monthlyFlows);
        var sum = 0.0;
        for (var m = 0; m < monthlyFlows.Count; m++)
            sum += (double)monthlyFlows[m] * Math.Pow(1 + rate, -m / 12.0);
        return sum;
    }

    /// <summary>
    /// The internal rate of return of monthly flows as an effective annual rate: the rate where their present value is zero,
    /// found by bisection between -99.99% and 1,000,000%; null when the flows never change sign or no such rate lies there.
    /// </summary>
    public static double? InternalRateOfReturn(IReadOnlyList<decimal> monthlyFlows)
    {
        ArgumentNullException.ThrowIfNull(monthlyFlows);
        if (!monthlyFlows.Any(f => f > 0m) || !monthlyFlows.Any(f => f < 0m))
            return null;

        // Search on log(1 + r), where the present value is smooth and the range is symmetric.
        double low = Math.Log(1e-4), high = Math.Log(1e4);
        double Npv(double x) => PresentValue(monthlyFlows, Math.Exp(x) - 1);
        var npvLow = Npv(low);
        var npvHigh = Npv(high);
        if (Math.Sign(npvLow) == Math.Sign(npvHigh))
            return null;
        for (var i = 0; i < 200 && high - low > 1e-15; i++)
        {
            var middle = (low + high) / 2;
            var npvMiddle = Npv(middle);
            if (npvMiddle == 0)
                return Math.Exp(middle) - 1;
            if (Math.Sign(npvMiddle) == Math.Sign(npvLow))
            {
                low = middle;
                npvLow = npvMiddle;
            }
            else
            {
                high = middle;
            }
        }

        return Math.Exp((low + high) / 2) - 1;
    }
}
