using System.Globalization;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Invoices;

/// <summary>Invoices and payments: entering them, what is owed, what came in.</summary>
public sealed class InvoicesSkill : ISkill
{
    public void Map(SkillMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Flow(new InvoiceEntryFlow()).Flow(new PaymentEntryFlow())
            .Intent(Intents.LogInvoice, (ctx, r, _) => LogInvoice.ContinueAsync(ctx, LogInvoice.FromEntities(r.Entities), Problems.Prefix(ctx, r)))
            .Intent(Intents.RecordPayment, (ctx, r, _) => RecordPayment.ContinueAsync(ctx, RecordPayment.FromEntities(r.Entities, ctx.Today)))
            .Intent(Intents.WhoOwesMe, (ctx, _, _) => WhoOwesMe.HandleAsync(ctx), readOnly: true)
            .Intent(Intents.ClientStatus, (ctx, r, _) => ClientStatus.HandleAsync(ctx, r.Entities.Client), readOnly: true)
            .Intent(Intents.DueSoon, (ctx, _, _) => DueSoon.HandleAsync(ctx), readOnly: true)
            .Intent(Intents.IncomeReport, (ctx, _, text) => Reports.IncomeAsync(ctx, text), readOnly: true)
            .Intent(Intents.ListPaid, (ctx, _, _) => Reports.ListPaidAsync(ctx), readOnly: true)
            .Intent(Intents.Export, (ctx, _, _) => Reports.ExportAsync(ctx))
            .Button("undo_invoice", (ctx, _, c) => LogInvoice.UndoAsync(ctx, long.Parse(c.Value!, CultureInfo.InvariantCulture)), survivesReads: true)
            .Button("status", (ctx, _, c) => ClientStatus.HandleAsync(ctx, null, long.Parse(c.Value!, CultureInfo.InvariantCulture)));
    }
}
