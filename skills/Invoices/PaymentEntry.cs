using System.Globalization;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Invoices;

/// <summary>A payment being recorded: which client, how much, on which invoices.</summary>
public sealed record PendingPayment : FlowState
{
    public string? ClientName { get; init; }
    public long? ClientId { get; init; }
    public string? Number { get; init; }
    public long? AmountCents { get; init; }
    public string? Currency { get; init; }
    public DateOnly? PaidOn { get; init; }

    /// <summary>Set once the owner picked the invoice, or "oldest first" (0).</summary>
    public long? InvoiceId { get; init; }
    public bool FullBalance { get; init; }

    /// <summary>The owner confirmed a second payment of the same amount on the same day.</summary>
    public bool TwinConfirmed { get; init; }
}

/// <summary>The record_payment flow: answers to « quel client / quel montant », and its buttons.</summary>
public sealed class PaymentEntryFlow : IFlow
{
    public string Name => "payment";

    public Type StateType => typeof(PendingPayment);

    public string? LegacyProperty => "Payment";

    public async Task<Outcome?> AnswerAsync(TurnContext ctx, DialogState state, string text, Recognition recognition)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(recognition);
        if (state.Entry is not PendingPayment p || !SlotAnswers.IsAnswer(state, recognition, Intents.RecordPayment, out var freeform))
            return null;
        var e = recognition.Entities;
        switch (state.Awaiting)
        {
            case Slot.Amount:
                if (SlotAnswers.Amount(ctx, state, text, recognition, freeform, out var cents) is { } askAgain)
                    return askAgain;
                if (cents is null)
                    return null;
                return await RecordPayment.ContinueAsync(ctx, p with { AmountCents = cents, Currency = p.Currency ?? (e.CurrencyExplicit ? e.Currency : null) }).ConfigureAwait(false);
            case Slot.Client:
                if (SlotAnswers.ClientName(ctx, state, text, recognition, freeform, out var name) is { } askName)
                    return askName;
                if (name is null && e.InvoiceNumber is null)
                    return null;
                return await RecordPayment.ContinueAsync(ctx, p with { ClientName = name, Number = p.Number ?? e.InvoiceNumber, AmountCents = p.AmountCents ?? Amounts.CentsOf(e.Amount) }).ConfigureAwait(false);
            default:
                return null;
        }
    }

    public async Task<Outcome?> PressAsync(TurnContext ctx, DialogState state, Choice choice)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(choice);
        if (state.Entry is not PendingPayment p)
            return null;
        if (choice.Action == "pay_partial")
            return Outcome.Ask(ctx.T("Quel montant avez-vous reçu ?", "How much did you receive?"), state with { Awaiting = Slot.Amount, Choices = [] });
        PendingPayment? next = choice.Action switch
        {
            "client" => p with { ClientId = long.Parse(choice.Value!, CultureInfo.InvariantCulture), ClientName = choice.Label },
            "pay_full" => p with { FullBalance = true },
            "pay_oldest" => p with { InvoiceId = 0 },
            "pay_invoice" => p with { InvoiceId = long.Parse(choice.Value!, CultureInfo.InvariantCulture) },
            "pay_again" => p with { TwinConfirmed = true },
            _ => null,
        };
        return next is null ? null : await RecordPayment.ContinueAsync(ctx, next).ConfigureAwait(false);
    }

    public string Describe(TurnContext ctx, FlowState entry)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var p = (PendingPayment)entry;
        return ctx.T($"le paiement {Markup.Escape(p.ClientName ?? "en cours")}", $"the payment {Markup.Escape(p.ClientName ?? "in progress")}");
    }
}
