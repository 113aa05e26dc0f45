using Microsoft.Extensions.Time.Testing;
using Recouvrement.Skills.Common;

namespace Recouvrement.Tests.Common;

public sealed class RateGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitTurnAsync_WindowFull_WaitsUntilTheOldestStartIsOneSecondOld()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var gate = new RateGate(2, clock);
        await gate.WaitTurnAsync(0, Ct);
        await gate.WaitTurnAsync(0, Ct);

        var third = gate.WaitTurnAsync(0, Ct);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task WaitTurnAsync_SameKey_SpacedOtherKeysNot()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var gate = new RateGate(30, clock, TimeSpan.FromSeconds(1));
        await gate.WaitTurnAsync(42, Ct);
        await gate.WaitTurnAsync(43, Ct);

        var again = gate.WaitTurnAsync(42, Ct);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(again.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await again.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }
}
