using System.Globalization;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Corrections;

/// <summary>Undo, correct, delete, credit notes.</summary>
public sealed class CorrectionsSkill : ISkill
{
    public void Map(SkillMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Intent(Intents.Undo, (ctx, r, _) => Corrections.UndoAsync(ctx, r.Entities))
            .Intent(Intents.Correct, (ctx, r, text) => Corrections.CorrectAsync(ctx, r.Entities, text))
            .Intent(Intents.DeleteInvoice, (ctx, r, _) => Corrections.DeleteInvoiceAsync(ctx, r.Entities))
            .Intent(Intents.CreditNote, (ctx, r, _) => Corrections.CreditNoteAsync(ctx, r.Entities))
            .Intent(Intents.MergeClients, (ctx, r, _) => Corrections.MergeAsync(ctx, r.Entities))
            .Button(Fix.Action, (ctx, _, c) => Fix.FromJson(c.Value) is { } fix
                ? Corrections.ApplyAsync(ctx, fix)
                : Task.FromResult(Outcome.Say(ctx.T("Cette proposition n'est plus valable.", "That proposal is no longer valid."))))
            .Button("undo_payment", (ctx, _, c) => Corrections.UndoPaymentAsync(ctx, long.Parse(c.Value!, CultureInfo.InvariantCulture)), survivesReads: true)
            .Button("undo_payments", (ctx, _, c) => Corrections.UndoPaymentsAsync(ctx, [.. c.Value!.Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture))]), survivesReads: true);
    }
}
