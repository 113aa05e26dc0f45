using System.ComponentModel;
using Microsoft.SemanticKernel;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Invoices;
using Recouvrement.Skills.Reminders;

namespace Recouvrement.Skills.Assistant;

/// <summary>
/// The use cases as Semantic Kernel functions: thin wrappers over the handlers the recognizer dispatches to. What a
/// function says is the handler's own reply, kept for the owner word for word; the model never paraphrases figures.
/// </summary>
public sealed class RecouvrementPlugin(TurnContext ctx)
{
    public const string Name = "Recouvrement";
    public const string LogInvoiceName = "log_invoice";
    public const string RecordPaymentName = "record_payment";
    public const string DraftReminderName = "draft_reminder";

    /// <summary>Functions that write data or lead to a debtor being contacted: the approval filter stops them.</summary>
    public static readonly IReadOnlySet<string> Writes = new HashSet<string>(StringComparer.Ordinal) { LogInvoiceName, RecordPaymentName, DraftReminderName };

    /// <summary>The last handler reply, shown to the owner as is.</summary>
    public Outcome? Answer { get; private set; }

    [KernelFunction("who_owes_me"), Description("Lists who owes the owner money: unpaid invoices by client, overdue first, with totals.")]
    public Task<string> WhoOwesMeAsync() => KeepAsync(WhoOwesMe.HandleAsync(ctx));

    [KernelFunction("client_status"), Description("A client's account: unpaid and paid invoices, payments, lateness, reminders sent.")]
    public Task<string> ClientStatusAsync([Description("The client's name as the owner wrote it")] string client) => KeepAsync(ClientStatus.HandleAsync(ctx, client));

    [KernelFunction("due_soon"), Description("Invoices falling due in the coming days.")]
    public Task<string> DueSoonAsync() => KeepAsync(DueSoon.HandleAsync(ctx));

    [KernelFunction("late_fees"), Description("Late-payment interest and the fixed indemnity owed by a client, computed under French law.")]
    public Task<string> LateFeesAsync([Description("The client's name, or empty for all clients")] string? client = null) => KeepAsync(Follow.LateFeesAsync(ctx, client, null));

    [KernelFunction("list_drafts"), Description("Reminder drafts waiting for the owner's approval.")]
    public Task<string> ListDraftsAsync() => KeepAsync(Follow.ListDraftsAsync(ctx));

    [KernelFunction(LogInvoiceName), Description("Saves a new invoice. Needs the owner's approval.")]
    public Task<string> LogInvoiceAsync(
        [Description("The client's name as the owner wrote it")] string client,
        [Description("The amount exactly as the owner wrote it, e.g. '1 200,50 €'")] string amount,
        [Description("The due date exactly as the owner wrote it ('15/12', 'à 30 jours', 'net 30'), or empty")] string? due_date = null,
        [Description("ISO currency code when the owner gave one")] string? currency = null,
        [Description("The invoice number when the owner gave one")] string? number = null) =>
        ApplyAsync(LogInvoiceName, new() { ["client"] = client, ["amount"] = amount, ["due_date"] = due_date, ["currency"] = currency, ["number"] = number });

    [KernelFunction(RecordPaymentName), Description("Records a payment received from a client. Needs the owner's approval.")]
    public Task<string> RecordPaymentAsync(
        [Description("The client's name as the owner wrote it")] string client,
        [Description("The amount exactly as the owner wrote it, or empty for the full balance")] string? amount = null,
        [Description("The invoice number when the owner gave one")] string? number = null) =>
        ApplyAsync(RecordPaymentName, new() { ["client"] = client, ["amount"] = amount, ["number"] = number });

    [KernelFunction(DraftReminderName), Description("Prepares a reminder to a late-paying client, as a draft the owner approves before anything is sent.")]
    public Task<string> DraftReminderAsync([Description("The client's name as the owner wrote it")] string client) =>
        ApplyAsync(DraftReminderName, new() { ["client"] = client });

    private Task<string> ApplyAsync(string function, KernelArguments arguments) => KeepAsync(Proposal.From(function, arguments, ctx.Today).ApplyAsync(ctx));

    private async Task<string> KeepAsync(Task<Outcome> handler)
    {
        Answer = await handler.ConfigureAwait(false);
        return string.Join("\n\n", Answer.Replies.Select(r => Markup.ToPlain(r.Text)));
    }
}
