using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Scheduling;

/// <summary>The owner's controls over the scheduler: pause, resume, silence, digest, time zone.</summary>
public sealed class SchedulingSkill : ISkill
{
    public void Map(SkillMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Intent(Intents.PauseReminders, (ctx, r, _) => ScheduleControls.PauseAsync(ctx, r.Entities.DueDate ?? r.Entities.Date, r.Entities.Indefinite))
            .Intent(Intents.Resume, (ctx, _, _) => ScheduleControls.ResumeAsync(ctx))
            .Intent(Intents.Silence, (ctx, r, text) => ScheduleControls.SilenceAsync(ctx, r.Entities.DueDate ?? r.Entities.Date, r.Entities.Indefinite, ScheduleControls.WeekdayNamed(text)))
            .Intent(Intents.SetDigest, (ctx, r, text) => ScheduleControls.DigestAsync(ctx, r.Entities.Hour, r.Entities.Weekday, r.Entities.Toggle ?? true, text))
            .Intent(Intents.SetTimeZone, (ctx, r, _) => ScheduleControls.TimeZoneAsync(ctx, r.Entities.TimeZone));
    }
}
