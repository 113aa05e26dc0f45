using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Reminders;

/// <summary>The ladder's drafts and their buttons, client details, disputes, promises and the owner's settings.</summary>
public sealed class RemindersSkill : ISkill
{
    public void Map(SkillMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Flow(new DraftEditFlow())
            .Intent(Intents.DraftReminder, (ctx, r, _) => (r.Entities.DueDate ?? r.Entities.Date) is { } later && later > ctx.Today
                ? ClientCare.RemindLaterAsync(ctx, r.Entities.Client, later)
                : Drafting.DraftAsync(ctx, r.Entities.Client, r.Entities.InvoiceNumber, r.Entities.Step))
            .Intent(Intents.ListDrafts, (ctx, _, _) => Follow.ListDraftsAsync(ctx), readOnly: true)
            .Intent(Intents.ReminderHistory, (ctx, r, _) => Follow.HistoryAsync(ctx, r.Entities.Client), readOnly: true)
            .Intent(Intents.LateFees, (ctx, r, _) => Follow.LateFeesAsync(ctx, r.Entities.Client, r.Entities.InvoiceNumber), readOnly: true)
            .Intent(Intents.SetClient, (ctx, r, _) => ClientCare.SetClientAsync(ctx, r.Entities))
            .Intent(Intents.Dispute, (ctx, r, _) => ClientCare.DisputeAsync(ctx, r.Entities.Client, r.Entities.InvoiceNumber, open: true))
            .Intent(Intents.ResolveDispute, (ctx, r, _) => ClientCare.DisputeAsync(ctx, r.Entities.Client, r.Entities.InvoiceNumber, open: false))
            .Intent(Intents.PromiseToPay, (ctx, r, _) => ClientCare.PromiseAsync(ctx, r.Entities.Client, r.Entities.Date ?? r.Entities.DueDate))
            .Intent(Intents.SetSettings, (ctx, r, text) => ClientCare.SettingsAsync(ctx, r.Entities, text))
            .Button("global", (ctx, _, c) => Drafting.PressAsync(ctx, c.Payload))
            .Button(ClientCare.UndoSettingsAction, (ctx, _, c) => ClientCare.UndoSettingsAsync(ctx, c.Value), survivesReads: true)
            .Button(ClientCare.UndoLaterAction, (ctx, _, c) => ClientCare.UndoRemindLaterAsync(ctx, c.Value), survivesReads: true);
    }
}
