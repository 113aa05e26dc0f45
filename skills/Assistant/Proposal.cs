using System.Text.Json;
using Microsoft.SemanticKernel;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Invoices;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Assistant;

/// <summary>
/// A write the model asked for, held until the owner presses Confirm. Figures are read by our own parsers from the
/// owner's words the model passed on; then the usual handler runs, with its own checks and questions.
/// </summary>
public sealed record Proposal
{
    public const string Action = "ai_do";
    public const int MaxArgumentLength = 200;

    public required string Kind { get; init; }
    public string? Client { get; init; }
    public long? AmountCents { get; init; }
    public string? Currency { get; init; }
    public DateOnly? DueDate { get; init; }
    public string? Number { get; init; }

    public static Proposal From(string function, KernelArguments? arguments, DateOnly today)
    {
        // A model can send anything: an over-long value is dropped and the handler asks for it instead.
        string? Arg(string name) => arguments is not null && arguments.TryGetValue(name, out var v) && v?.ToString()?.Trim() is { Length: > 0 and <= MaxArgumentLength } s ? s : null;

        long? cents = null;
        string? currency = Arg("currency")?.ToUpperInvariant();
        if (Arg("amount") is { } amount && Amounts.TryParseAnswer(amount, today, out var value, out var said) && Amounts.TryToCents(value, out var c))
        {
            cents = c;
            currency ??= said;
        }

        DateOnly? due = Arg("due_date") is { } d && Dates.TryParse(d, today, out var date, out _) ? date : null;

        return new Proposal
        {
            Kind = function,
            Client = Arg("client"),
            AmountCents = cents,
            Currency = currency is { Length: 3 } ? currency : null,
            DueDate = due,
            Number = Arg("number"),
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static Proposal? FromJson(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Proposal>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string Describe(TurnContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var client = Client is null ? ctx.T("un client à préciser", "a client to name") : Markup.Bold(Client);
        var amount = AmountCents is { } c ? Markup.Bold(ctx.Money(c, Currency ?? "EUR")) : ctx.T("un montant à préciser", "an amount to give");
        return Kind switch
        {
            RecouvrementPlugin.LogInvoiceName => ctx.T($"enregistrer une facture de {amount} pour {client}", $"log an invoice of {amount} for {client}")
                + (DueDate is { } due ? ctx.T($", échéance le {ctx.Date(due)}", $", due {ctx.Date(due)}") : string.Empty)
                + (Number is null ? string.Empty : $" ({Markup.Escape(Number)})") + ".",
            RecouvrementPlugin.RecordPaymentName => AmountCents is null
                ? ctx.T($"enregistrer un paiement de {client}.", $"record a payment from {client}.")
                : ctx.T($"enregistrer un paiement de {amount} reçu de {client}.", $"record a payment of {amount} from {client}."),
            _ => ctx.T($"préparer une relance pour {client} (brouillon à approuver, rien n'est envoyé).", $"draft a reminder for {client} (a draft to approve, nothing is sent)."),
        };
    }

    /// <summary>Runs the same handler a typed command would.</summary>
    public Task<Outcome> ApplyAsync(TurnContext ctx) => Kind switch
    {
        RecouvrementPlugin.LogInvoiceName => LogInvoice.ContinueAsync(ctx, new PendingInvoice { ClientName = Client, AmountCents = AmountCents, Currency = Currency, DueDate = DueDate, Number = Number }),
        RecouvrementPlugin.RecordPaymentName => RecordPayment.ContinueAsync(ctx, new PendingPayment { ClientName = Client, AmountCents = AmountCents, Currency = Currency, Number = Number }),
        RecouvrementPlugin.DraftReminderName => Drafting.DraftAsync(ctx, Client, Number, null),
        _ => Task.FromResult(Outcome.Say(ctx.T("Cette proposition n'est plus valable.", "That proposal is no longer valid."))),
    };
}
