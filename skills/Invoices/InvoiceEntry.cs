using System.Globalization;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Invoices;

/// <summary>An invoice being entered, one question at a time.</summary>
public sealed record PendingInvoice : FlowState
{
    public string? ClientName { get; init; }
    public long? ClientId { get; init; }
    public bool NewClientConfirmed { get; init; }
    public string? KindHint { get; init; }
    public long? AmountCents { get; init; }
    public string? Currency { get; init; }
    public DateOnly? DueDate { get; init; }
    public DateOnly? IssueDate { get; init; }
    public string? Number { get; init; }
    public bool TwinConfirmed { get; init; }

    /// <summary>The owner confirmed an amount far above their usual.</summary>
    public bool LargeConfirmed { get; init; }
}

/// <summary>The log_invoice flow: answers to « quel client / quel montant / quelle échéance », and its buttons.</summary>
public sealed class InvoiceEntryFlow : IFlow
{
    public string Name => "invoice";

    public Type StateType => typeof(PendingInvoice);

    public string? LegacyProperty => "Invoice";

    public async Task<Outcome?> AnswerAsync(TurnContext ctx, DialogState state, string text, Recognition recognition)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(recognition);
        if (state.Entry is not PendingInvoice p || !SlotAnswers.IsAnswer(state, recognition, Intents.LogInvoice, out var freeform))
            return null;
        var e = recognition.Entities;
        switch (state.Awaiting)
        {
            case Slot.Amount:
                if (SlotAnswers.Amount(ctx, state, text, recognition, freeform, out var cents) is { } askAgain)
                    return askAgain;
                if (cents is null)
                    return null;
                return await LogInvoice.ContinueAsync(ctx, p with { AmountCents = cents, Currency = p.Currency ?? (e.CurrencyExplicit ? e.Currency : null) }).ConfigureAwait(false);
            case Slot.DueDate:
                if (SlotAnswers.DueDate(ctx, state, recognition, freeform, out var due) is { } askDate)
                    return askDate;
                return due is null ? null : await LogInvoice.ContinueAsync(ctx, p with { DueDate = due }).ConfigureAwait(false);
            case Slot.Client:
                if (SlotAnswers.ClientName(ctx, state, text, recognition, freeform, out var name) is { } askName)
                    return askName;
                if (name is null && e.InvoiceNumber is null)
                    return null;
                return await LogInvoice.ContinueAsync(ctx, p with
                {
                    ClientName = name ?? p.ClientName,
                    AmountCents = p.AmountCents ?? Amounts.CentsOf(e.Amount),
                    DueDate = p.DueDate ?? e.DueDate,
                    Number = p.Number ?? e.InvoiceNumber,
                }).ConfigureAwait(false);
            default:
                return null;
        }
    }

    public async Task<Outcome?> PressAsync(TurnContext ctx, DialogState state, Choice choice)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(choice);
        if (state.Entry is not PendingInvoice p)
            return null;
        PendingInvoice? next = choice.Action switch
        {
            "client" => p with { ClientId = long.Parse(choice.Value!, CultureInfo.InvariantCulture), ClientName = choice.Label },
            "newclient" => p with { NewClientConfirmed = true },
            "due" => p with { DueDate = choice.Value == "eom" ? Dates.EndOfMonth(p.IssueDate ?? ctx.Today) : (p.IssueDate ?? ctx.Today).AddDays(int.Parse(choice.Value!, CultureInfo.InvariantCulture)) },
            "twin_yes" => p with { TwinConfirmed = true },
            "large_yes" => p with { LargeConfirmed = true },
            _ => null,
        };
        return next is null ? null : await LogInvoice.ContinueAsync(ctx, next).ConfigureAwait(false);
    }

    public string Describe(TurnContext ctx, FlowState entry)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var p = (PendingInvoice)entry;
        return ctx.T($"la facture {Markup.Escape(p.ClientName ?? "en cours")}", $"the invoice {Markup.Escape(p.ClientName ?? "in progress")}")
            + (p.AmountCents is { } c ? " " + ctx.Money(c, p.Currency ?? "EUR") : string.Empty);
    }
}
