namespace Recouvrement.Data;

public sealed record Owner
{
    public long Id { get; init; }
    public required string Channel { get; init; }
    public required string ExternalId { get; init; }
    public string? Name { get; init; }
    public string Language { get; init; } = "fr";
    public string TimeZone { get; init; } = "Europe/Paris";

    /// <summary>The owner chose their chat language (« parle-moi en anglais »): one message in another language does not change it.</summary>
    public bool LanguageFixed { get; init; }
}

public static class ClientKinds
{
    public const string Company = "company";
    public const string Individual = "individual";
}

public sealed record Client
{
    public long Id { get; init; }
    public long OwnerId { get; init; }
    public required string Name { get; init; }
    public required string NameKey { get; init; }
    public string Kind { get; init; } = ClientKinds.Company;
    public string? Siren { get; init; }
    public string? Email { get; init; }
    public string? Notes { get; init; }

    /// <summary>standard, gentle ("bon payeur") or strict ("mauvais payeur").</summary>
    public string ReminderPlan { get; init; } = ReminderPlans.Standard;

    /// <summary>A promise to pay pauses reminders up to and including this day.</summary>
    public DateOnly? PausedUntil { get; init; }

    /// <summary>When the formal notice went out (interest on a consumer's debt runs from then).</summary>
    public DateOnly? FormalNoticeOn { get; init; }

    /// <summary>The language of every message this client receives ("fr" or "en"); null: French.</summary>
    public string? Language { get; init; }

    public string MessageLanguage => Language ?? "fr";

    /// <summary>The debtor's postal address, for letters.</summary>
    public string? Address { get; init; }

    /// <summary>A copy of this client's messages (overrides the owner-wide copy), hidden (Bcc) or not (Cc).</summary>
    public string? CopyEmail { get; init; }
    public bool CopyHidden { get; init; }

    /// <summary>The BODACC publication of an open collective proceeding (reminders stop); null when none is known.</summary>
    public DateOnly? ProceedingsOn { get; init; }

    /// <summary>safeguard, receivership or liquidation.</summary>
    public string? ProceedingsKind { get; init; }
}

public static class ReminderPlans
{
    public const string Standard = "standard";
    public const string Gentle = "gentle";
    public const string Strict = "strict";
}

public static class InvoiceStatuses
{
    public const string Open = "open";
    public const string Paid = "paid";
    public const string Disputed = "disputed";
    public const string Cancelled = "cancelled";
}

public sealed record Invoice
{
    public long Id { get; init; }
    public long OwnerId { get; init; }
    public long ClientId { get; init; }
    public string? Number { get; init; }
    public long AmountCents { get; init; }
    public long PaidCents { get; init; }
    public required string Currency { get; init; }
    public DateOnly IssueDate { get; init; }
    public DateOnly DueDate { get; init; }
    public string Status { get; init; } = InvoiceStatuses.Open;

    /// <summary>Filled by queries that join the client.</summary>
    public string? ClientName { get; init; }

    /// <summary>The reference the debtor is asked to quote on a transfer; filled by the reconciliation query only.</summary>
    public string? PaymentReference { get; init; }

    public long BalanceCents => AmountCents - PaidCents;
}

public sealed record Payment
{
    public long Id { get; init; }
    public long OwnerId { get; init; }
    public long InvoiceId { get; init; }
    public long AmountCents { get; init; }
    public required string Currency { get; init; }
    public DateOnly PaidOn { get; init; }
    public PaymentKind Kind { get; init; } = PaymentKind.Payment;

    /// <summary>Set when the owner undid it; the row stays, for the journal.</summary>
    public DateTimeOffset? VoidedAt { get; init; }

    /// <summary>Filled by queries that join the invoice and client.</summary>
    public long ClientId { get; init; }
    public string? ClientName { get; init; }
    public string? InvoiceNumber { get; init; }
}

/// <summary>Money received, or a credit note (avoir) that lowers what is owed without money changing hands.</summary>
public enum PaymentKind
{
    Payment,
    Credit,
}

/// <summary>One client's open balance in one currency, with its aging.</summary>
public sealed record ClientBalance
{
    public long ClientId { get; init; }
    public required string ClientName { get; init; }
    public required string Currency { get; init; }
    public long BalanceCents { get; init; }
    public long OverdueCents { get; init; }
    public long Late0To30Cents { get; init; }
    public long Late31To60Cents { get; init; }
    public long Late61To90Cents { get; init; }
    public long Late90PlusCents { get; init; }
    public int InvoiceCount { get; init; }
    public DateOnly OldestDueDate { get; init; }
}

public sealed record Event
{
    public long Id { get; init; }
    public long OwnerId { get; init; }
    public required string Actor { get; init; }
    public required string Kind { get; init; }
    public required string Entity { get; init; }
    public long? EntityId { get; init; }
    public string? DataJson { get; init; }
    public DateTimeOffset At { get; init; }
}

public sealed record OwnerSettings
{
    public long OwnerId { get; init; }
    public string? BusinessName { get; init; }
    public string? Iban { get; init; }
    public string? PaymentLink { get; init; }
    public int? ContractRateBp { get; init; }
    public string AutoSendSteps { get; init; } = string.Empty;

    /// <summary>Hour of the morning digest, in the owner's time zone.</summary>
    public int DigestHour { get; init; } = 9;

    /// <summary>Digest days as bits: Monday = 1 … Sunday = 64; weekdays (31) by default.</summary>
    public int DigestDays { get; init; } = 31;

    public DateOnly? RemindersPausedUntil { get; init; }
    public DateOnly? SilentUntil { get; init; }

    /// <summary>The owner's identity in letters: postal address, SIREN, legal form (« SARL »).</summary>
    public string? Address { get; init; }
    public string? Siren { get; init; }
    public string? LegalForm { get; init; }

    /// <summary>Who gets a copy of every message a debtor receives (the accountant), hidden (Bcc) or not (Cc).</summary>
    public string? CopyEmail { get; init; }
    public bool CopyHidden { get; init; }

    public static int DayBit(DayOfWeek day) => 1 << (((int)day + 6) % 7);

    public bool DigestOn(DayOfWeek day) => DigestOn(DigestDays, day);

    public static bool DigestOn(int digestDays, DayOfWeek day) => (digestDays & DayBit(day)) != 0;

    public bool AutoSends(string step) => AutoSendSteps.Split(',', StringSplitOptions.RemoveEmptyEntries).Contains(step, StringComparer.Ordinal);
}

public static class RateKinds
{
    public const string EcbMro = "ecb_mro";
    public const string LegalIndividual = "legal_individual";
    public const string LegalOther = "legal_other";
}

public sealed record Rate
{
    public required string Kind { get; init; }
    public DateOnly ValidFrom { get; init; }
    public int RateBp { get; init; }
}

public static class DraftStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Manual = "manual";
    public const string Obsolete = "obsolete";
}

public sealed record Draft
{
    public long Id { get; init; }
    public long OwnerId { get; init; }
    public long ClientId { get; init; }
    public required string Step { get; init; }
    public required string Language { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public required string InvoiceIds { get; init; }
    public long AmountCents { get; init; }
    public required string Currency { get; init; }
    public string Status { get; init; } = DraftStatuses.Pending;
    public bool Edited { get; init; }
    public string CreatedBy { get; init; } = "owner";
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the owner (or auto-send) approved, rejected or handed it over; null while pending.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Filled by queries that join the client.</summary>
    public string? ClientName { get; init; }
}

public static class OutboxStatuses
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Unknown = "unknown";
    public const string Manual = "manual";
}

public sealed record OutboxMessage
{
    public long Id { get; init; }
    public long OwnerId { get; init; }
    public long DraftId { get; init; }
    public long ClientId { get; init; }
    public string? ToAddress { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public string Status { get; init; } = OutboxStatuses.Queued;
    public int Attempts { get; init; }
    public DateTimeOffset NotBefore { get; init; }
    public string? LastError { get; init; }
    public DateOnly? SentDay { get; init; }
}
