using ContactCost.Staffing;
using CsCheck;

namespace ContactCost.Tests.Staffing;

public class ErlangTests
{
    private static Traffic Calls(double volume, double intervalSeconds, double ahtSeconds) =>
        new(volume, TimeSpan.FromSeconds(intervalSeconds), TimeSpan.FromSeconds(ahtSeconds));

    private static readonly TimeSpan Twenty = TimeSpan.FromSeconds(20);

    [Fact]
    public void PublishedExample_100CallsIn30Minutes_Needs14Agents()
    {
        var request = new StaffingRequest(Calls(100, 1800, 180), new ServiceLevelTarget(0.8, Twenty));
        var result = StaffingResult.Solve(request);
        Assert.Equal(14, result.Agents);
        Assert.Equal(10.0, result.Erlangs, 12);
        Assert.Equal(0.88835, result.Performance.ServiceLevel, 5);
        Assert.Equal(7.836, result.Performance.AverageSpeedOfAnswerSeconds, 3);
        Assert.Equal(0.7143, result.Performance.Occupancy, 4);
        Assert.Equal(0.796, StaffingResult.Evaluate(request, 13).ServiceLevel, 3);
    }

    [Fact]
    public void Shrinkage_ScalesScheduledAgentsUp_Exactly()
    {
        var request = new StaffingRequest(Calls(100, 1800, 180), new ServiceLevelTarget(0.8, Twenty)) { Shrinkage = 0.3m };
        Assert.Equal(20, StaffingResult.Solve(request).ScheduledAgents);
        Assert.Equal(15, StaffingResult.Scheduled(10, 0.3m));
        Assert.Null(StaffingResult.Scheduled(10, null));
    }

    [Fact]
    public void Patience_GivesTheErlangAResult()
    {
        var request = new StaffingRequest(Calls(100, 1800, 180), new ServiceLevelTarget(0.8, Twenty)) { Patience = TimeSpan.FromSeconds(60) };
        var result = StaffingResult.Solve(request);
        var chain = BirthDeathChain.Solve(100.0 / 1800, 1.0 / 180, 1.0 / 60, result.Agents, 20, result.Agents + 200);
        Assert.Equal(12, result.Agents);
        Assert.Equal(chain.ServiceLevel, result.Performance.ServiceLevel, 9);
        Assert.Equal(chain.ProbabilityOfAbandon, result.Performance.ProbabilityOfAbandon, 9);
        Assert.True(StaffingResult.Evaluate(request, 11).ServiceLevel < 0.8);
    }

    [Theory]
    [InlineData(1.0, 1, 0.5)]
    [InlineData(2.0, 2, 0.4)]
    [InlineData(10.0, 10, 0.21458)]
    [InlineData(5.0, 10, 0.018385)]
    [InlineData(20.0, 30, 0.0085)]
    public void ErlangB_MatchesTheTable(double erlangs, int agents, double expected) =>
        Assert.Equal(expected, ErlangC.ErlangB(erlangs, agents), expected < 0.01 ? 4 : 5);

    [Fact]
    public void ErlangB_AgreesWithTheFactorialFormula_ForSmallCounts() =>
        Gen.Select(Gen.Double[0.1, 30], Gen.Int[0, 40]).Sample((a, n) =>
        {
            double term = 1, sum = 1;
            for (var k = 1; k <= n; k++)
            {
                term *= a / k;
                sum += term;
            }

            return Math.Abs(ErlangC.ErlangB(a, n) - term / sum) <= 1e-12;
        });

    [Fact]
    public void OneAgent_IsTheMM1Queue() =>
        // Whole seconds: a TimeSpan keeps 100 ns ticks, so fractional inputs would differ from the closed form by rounding.
        Gen.Select(Gen.Double[0.01, 0.99], Gen.Int[10, 600], Gen.Int[0, 120]).Sample((rho, aht, t) =>
        {
            var q = ErlangC.Evaluate(Calls(rho * 3600 / aht, 3600, aht), 1, TimeSpan.FromSeconds(t));
            var mu = 1.0 / aht;
            return Math.Abs(q.ProbabilityOfWaiting - rho) < 1e-12
                && Math.Abs(q.ServiceLevel - (1 - rho * Math.Exp(-(mu - rho * mu) * t))) < 1e-12
                && Math.Abs(q.AverageSpeedOfAnswerSeconds - rho / (mu - rho * mu)) < 1e-9 * (1 + q.AverageSpeedOfAnswerSeconds);
        });

    [Fact]
    public void TwoAgents_IsTheMM2Queue() =>
        Gen.Double[0.01, 0.99].Sample(rho =>
        {
            var q = ErlangC.Evaluate(Calls(2 * rho * 3600 / 100, 3600, 100), 2, Twenty);
            return Math.Abs(q.ProbabilityOfWaiting - 2 * rho * rho / (1 + rho)) < 1e-12;
        });

    [Fact]
    public void PatienceEqualToHandleTime_MakesTheNumberInSystemPoisson() =>
        Gen.Select(Gen.Double[0.5, 25], Gen.Int[1, 30]).Sample((a, n) =>
        {
            var aht = 200.0;
            var q = ErlangA.Evaluate(Calls(a * 3600 / aht, 3600, aht), n, TimeSpan.FromSeconds(aht), Twenty);
            double p = Math.Exp(-a), below = 0, excess = 0;
            for (var k = 0; k < 400; k++)
            {
                if (k < n)
                    below += p;
                else
                    excess += (k - n) * p;
                p *= a / (k + 1);
            }

            return Math.Abs(q.ProbabilityOfWaiting - (1 - below)) < 1e-10 && Math.Abs(q.ProbabilityOfAbandon - excess / a) < 1e-10;
        });

    [Fact]
    public void VeryPatientCallers_AreErlangC() =>
        Gen.Select(Gen.Double[0.5, 40], Gen.Double[1.05, 2]).Sample((a, headroom) =>
        {
            var n = (int)Math.Ceiling(a * headroom);
            var traffic = Calls(a * 3600 / 180, 3600, 180);
            var c = ErlangC.Evaluate(traffic, n, Twenty);
            var patient = ErlangA.Evaluate(traffic, n, TimeSpan.FromDays(10_000), Twenty);
            return Math.Abs(c.ServiceLevel - patient.ServiceLevel) < 1e-5
                && Math.Abs(c.ProbabilityOfWaiting - patient.ProbabilityOfWaiting) < 1e-5
                && Math.Abs(c.AverageSpeedOfAnswerSeconds - patient.AverageSpeedOfAnswerSeconds) < 1e-3 * (1 + c.AverageSpeedOfAnswerSeconds);
        });

    [Fact]
    public void ErlangA_AgreesWithTheBruteForceChain() =>
        Gen.Select(Gen.Double[0.2, 12], Gen.Int[1, 15], Gen.Int[30, 600], Gen.Int[20, 400], Gen.Int[0, 60]).Sample((a, n, aht, patience, t) =>
        {
            var lambda = a / aht;
            var q = ErlangA.Evaluate(Calls(lambda * 3600, 3600, aht), n, TimeSpan.FromSeconds(patience), TimeSpan.FromSeconds(t));
            var chain = BirthDeathChain.Solve(lambda, 1.0 / aht, 1.0 / patience, n, t, n + 250);
            return Math.Abs(q.ServiceLevel - chain.ServiceLevel) < 1e-8
                && Math.Abs(q.ProbabilityOfWaiting - chain.ProbabilityOfWaiting) < 1e-8
                && Math.Abs(q.ProbabilityOfAbandon - chain.ProbabilityOfAbandon) < 1e-8
                && Math.Abs(q.Occupancy - chain.Occupancy) < 1e-8
                && Math.Abs(q.AverageSpeedOfAnswerSeconds - chain.Asa) < 1e-8 * (1 + chain.Asa);
        }, iter: 60);

    [Theory]
    [InlineData(11.5, 1, 600, 20, 60)] // impatient callers and a long answer time: the brute force's Poisson weights need log space
    [InlineData(0.2, 15, 30, 400, 0)]
    public void ErlangA_AgreesWithTheBruteForceChain_AtTheEdges(double a, int n, int aht, int patience, int t)
    {
        var lambda = a / aht;
        var q = ErlangA.Evaluate(Calls(lambda * 3600, 3600, aht), n, TimeSpan.FromSeconds(patience), TimeSpan.FromSeconds(t));
        var chain = BirthDeathChain.Solve(lambda, 1.0 / aht, 1.0 / patience, n, t, n + 250);
        Assert.Equal(chain.ServiceLevel, q.ServiceLevel, 8);
        Assert.Equal(chain.Asa, q.AverageSpeedOfAnswerSeconds, 6);
    }

    [Fact]
    public void ErlangC_AgreesWithTheBruteForceChain() =>
        Gen.Select(Gen.Double[0.2, 12], Gen.Double[0.05, 0.85], Gen.Int[30, 600], Gen.Int[0, 60]).Sample((a, load, aht, t) =>
        {
            var n = Math.Max(1, (int)Math.Ceiling(a / load));
            var lambda = a / aht;
            var q = ErlangC.Evaluate(Calls(lambda * 3600, 3600, aht), n, TimeSpan.FromSeconds(t));
            var chain = BirthDeathChain.Solve(lambda, 1.0 / aht, 0, n, t, n + 300);
            return Math.Abs(q.ServiceLevel - chain.ServiceLevel) < 1e-8
                && Math.Abs(q.ProbabilityOfWaiting - chain.ProbabilityOfWaiting) < 1e-8
                && Math.Abs(q.Occupancy - chain.Occupancy) < 1e-8
                && Math.Abs(q.AverageSpeedOfAnswerSeconds - chain.Asa) < 1e-8 * (1 + chain.Asa);
        }, iter: 60);

    [Fact]
    public void Search_FindsWhatAOneByOneScanFinds() =>
        Gen.Select(Gen.Double[0, 300], Gen.Double[0.5, 0.95], Gen.Double[0, 60], Gen.Bool).Sample((a, target, t, patient) =>
        {
            var request = new StaffingRequest(Calls(a * 3600 / 240, 3600, 240), new ServiceLevelTarget(target, TimeSpan.FromSeconds(t)))
            {
                Patience = patient ? TimeSpan.FromSeconds(90) : null,
                MaxOccupancy = 0.9,
            };
            var found = StaffingResult.Solve(request).Agents;
            var scan = 0;
            while (!(StaffingResult.Evaluate(request, scan) is var q && q.ServiceLevel >= target && q.Occupancy <= 0.9))
                scan++;
            return found == scan;
        }, iter: 40);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NoTraffic_NeedsNoAgents(bool patient)
    {
        var request = new StaffingRequest(Calls(0, 1800, 180), new ServiceLevelTarget(0.8, Twenty)) { Patience = patient ? TimeSpan.FromSeconds(60) : null };
        var result = StaffingResult.Solve(request);
        Assert.Equal(0, result.Agents);
        Assert.Equal(0, result.Performance.AverageSpeedOfAnswerSeconds);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FiftyThousandErlangs_StayFiniteAndMeetTheTarget(bool patient)
    {
        var request = new StaffingRequest(Calls(50_000.0 * 1800 / 180, 1800, 180), new ServiceLevelTarget(0.8, Twenty))
        {
            Patience = patient ? TimeSpan.FromSeconds(60) : null,
        };
        var result = StaffingResult.Solve(request);
        // With abandonment a heavily loaded center can meet 80% in 20 s below the offered load (callers who wait too long leave).
        Assert.InRange(result.Agents, patient ? 35_000 : 50_000, 50_200);
        Assert.InRange(result.Performance.ServiceLevel, 0.8, 1);
        Assert.True(double.IsFinite(result.Performance.AverageSpeedOfAnswerSeconds));
        Assert.True(StaffingResult.Evaluate(request, result.Agents - 1).ServiceLevel < 0.8);
    }
}
