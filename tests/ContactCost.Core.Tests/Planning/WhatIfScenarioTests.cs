using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Planning;

namespace ContactCost.Tests.Planning;

public class WhatIfScenarioTests
{
    private static readonly ChannelActivity Voice = new(Channel.Voice, 1_000, 900, 100, 900 * 300m, 900 * 30m, 900, 90_000, 0);
    private static readonly ChannelActivity SelfService = new(Channel.SelfService, 500, 0, 0, 0m, 0m, 0, 2_500, 0);

    private static WhatIfScenario Scenario(Deflection[]? d = null, HandleTimeChange[]? h = null, CallbackChange[]? c = null) =>
        new("t", d ?? [], h ?? [], c ?? [], LabourRule.FollowsWorkload);

    [Fact]
    public void Deflection_MovesContactsAtTheTargetChannelsAverages()
    {
        var after = Scenario(d: [new Deflection(Channel.Voice, Channel.SelfService, 0.15m)]).Apply([Voice, SelfService]);
        var voice = after.Single(a => a.Channel == Channel.Voice);
        var self = after.Single(a => a.Channel == Channel.SelfService);
        Assert.Equal((850L, 765L, 85L, 765 * 300m, 76_500L), (voice.Contacts, voice.Handled, voice.Abandoned, voice.HandleSeconds, voice.UsageMinorUnits));
        Assert.Equal((650L, 0L, 3_250L), (self.Contacts, self.Handled, self.UsageMinorUnits)); // 5 cents a session
        Assert.Equal(1_500L, after.Sum(a => a.Contacts));
    }

    [Fact]
    public void HandleTime_ScalesOnlyHandleTime()
    {
        var voice = Scenario(h: [new HandleTimeChange(Channel.Voice, 0.9m)]).Apply([Voice]).Single();
        Assert.Equal(270m, voice.AverageHandleSeconds);
        Assert.Equal(Voice with { HandleSeconds = Voice.HandleSeconds * 0.9m }, voice);
    }

    [Fact]
    public void Callbacks_TurnAbandonedIntoHandledAtTheAverageHandledCall()
    {
        var voice = Scenario(c: [new CallbackChange(Channel.Voice, 0.5m)]).Apply([Voice]).Single();
        Assert.Equal((1_000L, 950L, 50L, 950 * 300m, 95_000L), (voice.Contacts, voice.Handled, voice.Abandoned, voice.HandleSeconds, voice.UsageMinorUnits));
    }

    [Fact]
    public void DeflectingToAChannelWithNoContacts_Fails() =>
        Assert.Contains("no video contacts", Assert.Throws<InvalidOperationException>(() =>
            Scenario(d: [new Deflection(Channel.Voice, Channel.Video, 0.1m)]).Apply([Voice])).Message);

    [Fact]
    public void ShareAboveOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Scenario(c: [new CallbackChange(Channel.Voice, 1.5m)]));
}
