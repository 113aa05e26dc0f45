namespace Recouvrement.Skills.Scheduling;

/// <summary>The `Scheduler` section.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>Off for a scripted (piped) terminal chat, where replies must depend on the script alone.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the scheduler looks at every owner.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a pass may hold the lease before another instance may take over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Owners handled per transaction: one commit (one fsync) per batch, not per owner.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>One line per owner handled in the pass report (the tick verb); off in the worker, where nobody reads it.</summary>
    public bool ReportLines { get; set; } = true;

    /// <summary>"Due soon": days ahead listed in the digest and given a courteous heads-up draft.</summary>
    public int SoonDays { get; set; } = 3;
}
