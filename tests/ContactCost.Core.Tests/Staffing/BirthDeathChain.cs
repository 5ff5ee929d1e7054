namespace ContactCost.Tests.Staffing;

/// <summary>
/// An independent, brute-force M/M/n+M solver for the tests: the stationary distribution of the chain truncated
/// at <c>capacity</c> by Gaussian elimination on the generator, and the tagged caller's answer time by uniformization.
/// </summary>
internal static class BirthDeathChain
{
    public sealed record Solution(double ServiceLevel, double Asa, double Occupancy, double ProbabilityOfWaiting, double ProbabilityOfAbandon);

    public static Solution Solve(double lambda, double mu, double theta, int agents, double t, int capacity)
    {
        var size = capacity + 1;
        var pi = Stationary(lambda, mu, theta, agents, size);
        double pWait = 0, queue = 0, busy = 0;
        for (var k = 0; k < size; k++)
        {
            if (k >= agents)
                pWait += pi[k];
            queue += Math.Max(0, k - agents) * pi[k];
            busy += Math.Min(k, agents) * pi[k];
        }

        // A caller who finds j waiting ahead moves up at rate nμ + iθ (i ahead), is answered from i = 0 at rate nμ, leaves at rate θ.
        var ahead = size - agents;
        var forward = Enumerable.Range(0, ahead).Select(i => agents * mu + i * theta).ToArray();
        var state = Enumerable.Range(0, ahead).Select(j => pi[agents + j]).ToArray();
        var immediately = 1 - pWait;
        var uniform = agents * mu + ahead * theta + theta;
        // Poisson weights in log space: e^(-Λt) alone underflows once Λt passes about 745.
        var logPoisson = -uniform * t;
        var served = 0.0;
        var inTime = 0.0;
        var steps = uniform * t + 40 * Math.Sqrt(uniform * t) + 100;
        for (var m = 0; m < steps; m++)
        {
            var next = new double[ahead];
            for (var i = 0; i < ahead; i++)
            {
                var stay = 1 - (forward[i] + theta) / uniform;
                next[i] += state[i] * stay;
                if (i == 0)
                    served += state[i] * forward[i] / uniform;
                else
                    next[i - 1] += state[i] * forward[i] / uniform;
            }

            state = next;
            logPoisson += Math.Log(uniform * t) - Math.Log(m + 1);
            inTime += Math.Exp(logPoisson) * served;
        }

        // Expected wait of the answered, by first-step analysis: p_i = r_i/s_i p_{i-1}, m_i = p_i/s_i + r_i/s_i m_{i-1}.
        double pPrev = 1, mPrev = 0, answered = immediately, waitSum = 0;
        for (var i = 0; i < ahead; i++)
        {
            var s = forward[i] + theta;
            var p = forward[i] / s * pPrev;
            var m = p / s + forward[i] / s * mPrev;
            answered += pi[agents + i] * p;
            waitSum += pi[agents + i] * m;
            pPrev = p;
            mPrev = m;
        }

        return new Solution(immediately + inTime, waitSum / answered, busy / agents, pWait, theta * queue / lambda);
    }

    // Solves π Q = 0, Σ π = 1 with partial pivoting; the last balance equation is replaced by the normalization.
    private static double[] Stationary(double lambda, double mu, double theta, int agents, int size)
    {
        var a = new double[size, size];
        for (var k = 0; k < size; k++)
        {
            var up = k + 1 < size ? lambda : 0;
            var down = Math.Min(k, agents) * mu + Math.Max(0, k - agents) * theta;
            // a = Qᵀ: row k is the balance equation Σ_i π_i Q[i,k] = 0.
            a[k, k] -= up + down;
            if (k + 1 < size)
                a[k + 1, k] += up;
            if (k > 0)
                a[k - 1, k] += down;
        }

        var b = new double[size];
        for (var j = 0; j < size; j++)
            a[size - 1, j] = 1;
        b[size - 1] = 1;
        return Gauss(a, b);
    }

    private static double[] Gauss(double[,] m, double[] b)
    {
        var n = b.Length;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                    pivot = r;
            if (pivot != col)
            {
                for (var c = 0; c < n; c++)
                    (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                if (f == 0)
                    continue;
                for (var c = col; c < n; c++)
                    m[r, c] -= f * m[col, c];
                b[r] -= f * b[col];
            }
        }

        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = b[r];
            for (var c = r + 1; c < n; c++)
                sum -= m[r, c] * x[c];
            x[r] = sum / m[r, r];
        }

        return x;
    }
}
