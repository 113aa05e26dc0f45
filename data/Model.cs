namespace Recouvrement.Data;

public sealed record Owner
{
    public long Id { get; init; }
    public required string Channel { get; init; }
    public required string ExternalId { get; init; }
    public string? Name { get; init; }
    public string Language { get; init; } = "fr";
    public string TimeZone { get; init; } = "Europe/Paris";
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
