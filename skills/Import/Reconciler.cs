using FuzzySharp;
using Recouvrement.Data;

namespace Recouvrement.Skills.Import;

/// <summary>How sure a match is: certain ones may be recorded with `--yes`; likely ones always wait for the owner.</summary>
public enum MatchCertainty
{
    /// <summary>The invoice's number or payment reference is in the label, or the payer's IBAN was confirmed before.</summary>
    Certain,

    /// <summary>The exact amount of one invoice, or of the client's whole balance, and a payer's name close to the client's.</summary>
    Likely,
}

public enum MatchReason
{
    Reference,
    KnownIban,
    AmountAndName,
    BalanceAndName,
}

/// <summary>A credit line and the invoices it would settle, oldest first, with the amount for each.</summary>
public sealed record Proposal(BankLine Line, long ClientId, string ClientName, IReadOnlyList<(Invoice Invoice, long Cents)> Settles, MatchCertainty Certainty, MatchReason Reason);

public sealed record Reconciliation(IReadOnlyList<Proposal> Proposals, IReadOnlyList<BankLine> Unmatched, int Debits, int AlreadyImported);

/// <summary>
/// Matches a statement's credits to open invoices. Decisions only: nothing here writes. Each open invoice is
/// proposed once per statement, so two lines never settle the same balance.
/// </summary>
public static class Reconciler
{
    /// <summary>How close a payer's name must be to the client's (FuzzySharp token-set ratio, 0-100).</summary>
    public const int NameThreshold = 80;

    public static Reconciliation Match(IReadOnlyList<BankLine> lines, IReadOnlyList<Invoice> open, IReadOnlyDictionary<long, string> clientNames,
        IReadOnlyDictionary<string, long> knownIbans, IReadOnlySet<string> alreadyImported)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(open);
        var proposals = new List<Proposal>();
        var unmatched = new List<BankLine>();
        var debits = 0;
        var already = 0;
        var taken = new HashSet<long>();
        var byNumber = new Dictionary<string, Invoice>(StringComparer.Ordinal);
        foreach (var i in open)
        {
            foreach (var reference in new[] { i.Number, i.PaymentReference })
            {
                if (Compact(reference) is { Length: >= 3 } key && key.Any(char.IsAsciiDigit))
                    byNumber.TryAdd(key, i);
            }
        }

        var byAmount = open.GroupBy(i => (i.BalanceCents, i.Currency)).ToDictionary(g => g.Key, g => g.ToList());
        var byClient = open.GroupBy(i => i.ClientId).ToDictionary(g => g.Key, g => g.OrderBy(i => i.DueDate).ThenBy(i => i.Id).ToList());
        foreach (var line in lines)
        {
            if (alreadyImported.Contains(line.Key))
            {
                already++;
                continue;
            }

            if (!line.IsCredit)
            {
                debits++;
                continue;
            }

            var proposal = ByReference(line, byNumber, taken) ?? ByIban(line, knownIbans, byClient, taken) ?? ByAmountAndName(line, byAmount, byClient, clientNames, taken);
            if (proposal is null)
            {
                unmatched.Add(line);
                continue;
            }

            foreach (var (invoice, _) in proposal.Settles)
                taken.Add(invoice.Id);
            proposals.Add(proposal with { ClientName = clientNames.GetValueOrDefault(proposal.ClientId, proposal.ClientName) });
        }

        return new Reconciliation(proposals, unmatched, debits, already);
    }

    private static Proposal? ByReference(BankLine line, Dictionary<string, Invoice> byNumber, HashSet<long> taken)
    {
        var text = line.Label + " " + line.Reference;
        var tokens = text.Split([' ', '/', ':', ';', ',', '(', ')', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(t => Compact(t)).Where(t => t.Length >= 3).ToHashSet(StringComparer.Ordinal);
        var compact = Compact(text);
        foreach (var (key, invoice) in byNumber)
        {
            if (taken.Contains(invoice.Id) || invoice.Currency != line.Currency)
                continue;
            // A short number must stand as a word; a long one may be glued to other text (« REFF2026041 »).
            if (!tokens.Contains(key) && !(key.Length >= 6 && compact.Contains(key, StringComparison.Ordinal)))
                continue;
            if (line.AmountCents > invoice.BalanceCents)
                continue; // more than is owed: for the owner to look at, not a certain match
            return new Proposal(line, invoice.ClientId, invoice.ClientName ?? "", [(invoice, line.AmountCents)], MatchCertainty.Certain, MatchReason.Reference);
        }

        return null;
    }

    private static Proposal? ByIban(BankLine line, IReadOnlyDictionary<string, long> knownIbans, Dictionary<long, List<Invoice>> byClient, HashSet<long> taken)
    {
        if (line.Iban is null || !knownIbans.TryGetValue(line.Iban, out var clientId) || !byClient.TryGetValue(clientId, out var invoices))
            return null;
        var free = invoices.Where(i => !taken.Contains(i.Id) && i.Currency == line.Currency).ToList();
        var exact = free.FirstOrDefault(i => i.BalanceCents == line.AmountCents);
        if (exact is not null)
            return new Proposal(line, clientId, exact.ClientName ?? "", [(exact, line.AmountCents)], MatchCertainty.Certain, MatchReason.KnownIban);
        return Allocate(line, free) is { } settles ? new Proposal(line, clientId, "", settles, MatchCertainty.Certain, MatchReason.KnownIban) : null;
    }

    private static Proposal? ByAmountAndName(BankLine line, Dictionary<(long, string), List<Invoice>> byAmount, Dictionary<long, List<Invoice>> byClient,
        IReadOnlyDictionary<long, string> clientNames, HashSet<long> taken)
    {
        var who = (line.Payer ?? line.Label).ToUpperInvariant();
        bool Close(long clientId) => clientNames.TryGetValue(clientId, out var name) && Fuzz.TokenSetRatio(who, name.ToUpperInvariant()) >= NameThreshold;
        if (byAmount.TryGetValue((line.AmountCents, line.Currency), out var same))
        {
            var candidates = same.Where(i => !taken.Contains(i.Id) && Close(i.ClientId)).ToList();
            // Two invoices of that amount for that client: the oldest is settled first, as a debtor's payment is applied.
            if (candidates.Select(i => i.ClientId).Distinct().Count() == 1)
            {
                var first = candidates.OrderBy(i => i.DueDate).ThenBy(i => i.Id).First();
                return new Proposal(line, first.ClientId, first.ClientName ?? "", [(first, line.AmountCents)], MatchCertainty.Likely, MatchReason.AmountAndName);
            }

            if (candidates.Count > 0)
                return null; // two clients fit: never guessed
        }

        var fits = byClient.Where(c => Close(c.Key)).Select(c => (c.Key, Free: c.Value.Where(i => !taken.Contains(i.Id) && i.Currency == line.Currency).ToList()))
            .Where(c => c.Free.Count > 1 && c.Free.Sum(i => i.BalanceCents) == line.AmountCents).ToList();
        if (fits.Count != 1)
            return null;
        return new Proposal(line, fits[0].Key, "", [.. fits[0].Free.Select(i => (i, i.BalanceCents))], MatchCertainty.Likely, MatchReason.BalanceAndName);
    }

    /// <summary>A payment spread over a client's invoices, oldest first; null when it is more than they owe.</summary>
    private static List<(Invoice, long)>? Allocate(BankLine line, List<Invoice> invoices)
    {
        if (invoices.Count == 0 || invoices.Sum(i => i.BalanceCents) < line.AmountCents)
            return null;
        var left = line.AmountCents;
        var settles = new List<(Invoice, long)>();
        foreach (var i in invoices)
        {
            if (left == 0)
                break;
            var part = Math.Min(left, i.BalanceCents);
            settles.Add((i, part));
            left -= part;
        }

        return settles;
    }

    internal static string Compact(string? text) =>
        text is null ? "" : new string([.. text.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
}
