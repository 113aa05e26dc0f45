using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Scheduling;

/// <summary>The owner's controls over the scheduler: pause / resume reminders, digest hour and days, silence, time zone.</summary>
public static class ScheduleControls
{
    /// <summary>"Until further notice".</summary>
    public static readonly DateOnly Indefinitely = new(9999, 12, 31);

    private static readonly Dictionary<string, string> Places = new(StringComparer.Ordinal)
    {
        ["paris"] = "Europe/Paris",
        ["france"] = "Europe/Paris",
        ["londres"] = "Europe/London",
        ["london"] = "Europe/London",
        ["bruxelles"] = "Europe/Brussels",
        ["brussels"] = "Europe/Brussels",
        ["geneve"] = "Europe/Zurich",
        ["zurich"] = "Europe/Zurich",
        ["montreal"] = "America/Toronto",
        ["quebec"] = "America/Toronto",
        ["new york"] = "America/New_York",
        ["guadeloupe"] = "America/Guadeloupe",
        ["martinique"] = "America/Martinique",
        ["guyane"] = "America/Cayenne",
        ["reunion"] = "Indian/Reunion",
        ["la reunion"] = "Indian/Reunion",
        ["mayotte"] = "Indian/Mayotte",
        ["tahiti"] = "Pacific/Tahiti",
        ["nouvelle-caledonie"] = "Pacific/Noumea",
        ["noumea"] = "Pacific/Noumea",
        ["utc"] = "Etc/UTC",
    };

    public static async Task<Outcome> PauseAsync(TurnContext ctx, DateOnly? until, bool indefinite)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (until is null && !indefinite)
            return Outcome.Say(ctx.T("Jusqu'à quand ? Ex. « pause les relances jusqu'au 15/12 », ou « … jusqu'à nouvel ordre ». Rien n'a changé.", "Until when? E.g. \"pause reminders until Dec 15\", or \"… until further notice\". Nothing changed."));
        if (until is { } u && u < ctx.Today)
            return Outcome.Say(ctx.T($"Le {ctx.Date(u)} est déjà passé : rien n'a changé.", $"{ctx.Date(u)} is already past: nothing changed."));
        var end = until ?? Indefinitely;
        await SaveAsync(ctx, st => st with { RemindersPausedUntil = end }).ConfigureAwait(false);
        return Outcome.Say(end == Indefinitely
            ? ctx.T("⏸️ Relances en pause jusqu'à nouvel ordre : plus aucun brouillon de relance n'est préparé. Le point du matin continue. « reprends » pour relancer.", "⏸️ Reminders paused until further notice: no reminder is drafted. The morning digest goes on. \"resume\" to restart.")
            : ctx.T($"⏸️ Relances en pause jusqu'au {ctx.Date(end)} inclus ; elles reprennent le {ctx.Date(end.AddDays(1))}. Le point du matin continue.", $"⏸️ Reminders paused until {ctx.Date(end)} inclusive; they resume on {ctx.Date(end.AddDays(1))}. The morning digest goes on."));
    }

    public static async Task<Outcome> ResumeAsync(TurnContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        await SaveAsync(ctx, st => st with { RemindersPausedUntil = null, SilentUntil = null }).ConfigureAwait(false);
        return Outcome.Say(ctx.T("▶️ C'est reparti : relances et notifications reprennent.", "▶️ Back on: reminders and notifications resume."));
    }

    public static async Task<Outcome> SilenceAsync(TurnContext ctx, DateOnly? until, bool indefinite, bool weekday)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (until is null && !indefinite)
            return Outcome.Say(ctx.T("Jusqu'à quand ? Ex. « silence jusqu'à lundi » ou « silence jusqu'au 2 janvier ». Rien n'a changé.", "Until when? E.g. \"quiet until Monday\" or \"quiet until Jan 2\". Nothing changed."));
        // "jusqu'à lundi": back on Monday; "jusqu'au 2 janvier": silent through that day.
        var last = until is { } u ? (weekday ? u.AddDays(-1) : u) : Indefinitely;
        if (last < ctx.Today)
            return Outcome.Say(ctx.T("Cette date est déjà passée : rien n'a changé.", "That date is already past: nothing changed."));
        await SaveAsync(ctx, st => st with { SilentUntil = last }).ConfigureAwait(false);
        return Outcome.Say(last == Indefinitely
            ? ctx.T("🔕 Silence jusqu'à nouvel ordre : ni point du matin ni rappel d'échéance. « reprends » pour les retrouver.", "🔕 Quiet until further notice: no digest, no due-date ping. \"resume\" to get them back.")
            : ctx.T($"🔕 Silence jusqu'au {ctx.Date(last)} inclus : ni point du matin ni rappel d'échéance. Je reprends le {ctx.Date(last.AddDays(1))}, sans rattrapage.", $"🔕 Quiet until {ctx.Date(last)} inclusive: no digest, no due-date ping. Back on {ctx.Date(last.AddDays(1))}, with no catch-up."));
    }

    public static async Task<Outcome> DigestAsync(TurnContext ctx, int? hour, DayOfWeek? day, bool on, string text)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (hour is { } h && h is < 0 or > 23)
            return Outcome.Say(ctx.T($"{h} h n'est pas une heure : donnez-en une de 0 à 23, ex. « digest à 8h ». Rien n'a changé.", $"{h} is not an hour: give one from 0 to 23, e.g. \"digest at 8\". Nothing changed."));
        if (hour is null && day is null)
            return Outcome.Say(ctx.T("Que voulez-vous changer ? Ex. « digest à 8h », « pas de digest le lundi », « digest le samedi ».", "What should change? E.g. \"digest at 8\", \"no digest on Mondays\", \"digest on Saturdays\"."));
        var said = new List<string>();
        await SaveAsync(ctx, st =>
        {
            if (hour is { } hh)
            {
                st = st with { DigestHour = hh };
                said.Add(ctx.T($"point du matin à {hh} h", $"morning digest at {hh}:00"));
            }

            if (day is { } d)
            {
                var bit = OwnerSettings.DayBit(d);
                st = st with { DigestDays = on ? st.DigestDays | bit : st.DigestDays & ~bit };
                var name = Format.Culture(ctx.Lang).DateTimeFormat.GetDayName(d);
                said.Add(on ? ctx.T($"point du matin le {name}", $"digest on {name}s") : ctx.T($"pas de point du matin le {name}", $"no digest on {name}s"));
            }

            return st;
        }).ConfigureAwait(false);
        _ = text;
        return Outcome.Say("✅ " + string.Join(", ", said) + ".");
    }

    public static async Task<Outcome> TimeZoneAsync(TurnContext ctx, string? zone)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var id = Resolve(zone);
        if (id is null)
            return Outcome.Say(ctx.T($"Je ne connais pas le fuseau « {Markup.Escape(zone)} ». Donnez un nom comme Europe/Paris, America/Guadeloupe ou Indian/Reunion. Rien n'a changé.", $"I don't know the time zone \"{Markup.Escape(zone)}\". Give a name such as Europe/London or America/New_York. Nothing changed."));
        await ctx.Db.WriteAsync(async s =>
        {
            await s.Owners.SetTimeZoneAsync(ctx.Owner.Id, id).ConfigureAwait(false);
            await s.Events.AppendAsync(ctx.Owner.Id, TurnContext.Actor, "time_zone_set", "owner", ctx.Owner.Id, new { TimeZone = id }, ctx.Now).ConfigureAwait(false);
        }, ctx.Ct).ConfigureAwait(false);
        var local = TimeZoneInfo.ConvertTime(ctx.Now, TimeZoneInfo.FindSystemTimeZoneById(id));
        return Outcome.Say(ctx.T($"🕒 Fuseau horaire : {id} (il y est {local:HH:mm}). Le point du matin et les envois suivent cette heure.", $"🕒 Time zone: {id} (it is {local:HH:mm} there). The digest and sending follow that clock."));
    }

    internal static string? Resolve(string? zone)
    {
        if (string.IsNullOrWhiteSpace(zone))
            return null;
        var z = zone.Trim();
        if (Places.TryGetValue(TextKey.Fold(z), out var known))
            return known;
        if (!z.Contains('/', StringComparison.Ordinal) || z.Length > 40)
            return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(z).Id;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static async Task SaveAsync(TurnContext ctx, Func<OwnerSettings, OwnerSettings> change) =>
        await ctx.Db.WriteAsync(async s =>
        {
            var current = await s.Settings.GetAsync(ctx.Owner.Id).ConfigureAwait(false);
            await s.Settings.SaveAsync(change(current) with { OwnerId = ctx.Owner.Id }, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
        }, ctx.Ct).ConfigureAwait(false);

    /// <summary>« silence jusqu'à lundi »: a weekday named means until that day, not for a day.</summary>
    public static bool WeekdayNamed(string text) => Dates.NamesWeekday(text);
}
