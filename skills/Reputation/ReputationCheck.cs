using System.Text;
using System.Text.Json;
using Recouvrement.Data;
using Recouvrement.Skills.Clients;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Reputation;

/// <summary>The registry clients a reputation check uses (absent: registry checks are off).</summary>
public sealed record RegistryKit(CompanySearch Search, BodaccSearch Bodacc);

/// <summary>
/// check_reputation, notes and watch. Companies are checked against the owner's own record, API Recherche
/// d'entreprises, BODACC and the DGCCRF list; individuals and sole traders are never looked up nor scored (CNIL).
/// </summary>
public static class ReputationCheck
{
    public static async Task<Outcome> CheckAsync(TurnContext ctx, RegistryKit? registry, Entities e)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        var siren = e.Siren;
        if (e.Siret is { } siret && !ClientCare.ValidLuhn(siret) && siret[..9] != "356000000")
            return Outcome.Say(ctx.T($"Le SIRET {siret} n'est pas valide (clé de contrôle). Vérifiez-le.", $"SIRET {siret} is not valid (check digit). Please check it."));
        if (siren is not null && !ClientCare.ValidSiren(siren))
            return Outcome.Say(ctx.T($"Le SIREN {siren} n'est pas valide (9 chiffres avec une clé de contrôle). Vérifiez-le.", $"SIREN {siren} is not valid (9 digits with a check digit). Please check it."));
        var name = e.Client?.Trim();
        if (siren is null && (name is null || TextKey.Key(name).Length < 3))
            return Outcome.Say(ctx.T("Donnez un nom d'au moins 3 lettres ou un SIREN. Ex. « Est-ce que Transports Girard est fiable ? », « check SIREN 552100554 ».", "Give a name of at least 3 letters or a SIREN. E.g. \"is Acme reliable?\", \"check SIREN 552100554\"."));

        // 1. The owner's own client, if it is one.
        Client? client = null;
        if (name is not null)
        {
            var match = await ctx.Db.ReadAsync(s => ClientResolver.ResolveAsync(s, ctx.Owner.Id, name), ctx.Ct).ConfigureAwait(false);
            client = match.Client ?? (match.Candidates.Count == 1 ? match.Candidates[0] : null);
        }

        // Checked by SIREN: the owner's client with that SIREN, if any.
        if (client is null && siren is not null)
            client = await ctx.Db.ReadAsync(s => s.Clients.FindBySirenAsync(ctx.Owner.Id, siren), ctx.Ct).ConfigureAwait(false);
        siren ??= client?.Siren;
        if (client?.Kind == ClientKinds.Individual)
            return await PrivateAsync(ctx, client, client.Name).ConfigureAwait(false);
        // A civility or a first name and surname is a person: no register, no score (CNIL), whatever the register holds.
        if (siren is null && (e.KindHint == ClientKinds.Individual || PersonNames.LooksLikePerson(name)))
            return await PrivateAsync(ctx, client, name!).ConfigureAwait(false);

        // 2. The registry: one company, or the owner picks.
        Company? company = null;
        var errors = new List<string>();
        if (registry is not null)
        {
            var found = await registry.Search.SearchAsync(siren ?? name!, ctx.Ct).ConfigureAwait(false);
            if (found.Value is null)
            {
                errors.Add(ctx.T($"API Recherche d'entreprises injoignable ({found.Error})", $"API Recherche d'entreprises unreachable ({found.Error})"));
            }
            else if (found.Value.Count == 0 && client is null)
            {
                return Outcome.Say(ctx.T($"Aucune entreprise trouvée pour « {Markup.Escape(siren ?? name)} ». Vérifiez l'orthographe ou donnez le SIREN.", $"No company found for \"{Markup.Escape(siren ?? name)}\". Check the spelling or give the SIREN."));
            }
            else if (found.Value.Count > 1 && siren is null)
            {
                var set = new ChoiceSet();
                foreach (var c in found.Value.Take(5))
                    set.Add($"{c.Name} — {c.Siren}{(c.HeadOffice is { } a ? $" ({Truncate(a, 30)})" : string.Empty)}", "rep_pick", c.Siren);
                return Outcome.Ask(ctx.T($"Plusieurs entreprises répondent à « {Markup.Escape(name)} » : laquelle ?", $"Several companies match \"{Markup.Escape(name)}\": which one?"), DialogState.Buttons(set.ToList()));
            }
            else if (siren is null && client is null && found.Value.Count == 1 && !SameName(name!, found.Value[0].Name))
            {
                // The register's only answer has another name: shown as a suggestion, never as the answer.
                var c = found.Value[0];
                var set = new ChoiceSet().Add($"{c.Name} — {c.Siren}", "rep_pick", c.Siren).Add(ctx.T("Ce n'est pas elle", "Not this one"), "cancel");
                return Outcome.Ask(ctx.T(
                    $"Pas de correspondance exacte pour « {Markup.Escape(name)} » : le registre propose {Markup.Bold(c.Name)} (SIREN {c.Siren}). Est-ce elle ?",
                    $"No exact match for \"{Markup.Escape(name)}\": the register suggests {Markup.Bold(c.Name)} (SIREN {c.Siren}). Is it this one?"),
                    DialogState.Buttons(set.ToList()));
            }
            else
            {
                company = found.Value.FirstOrDefault();
            }
        }

        if (company?.SoleTrader == true)
            return await PrivateAsync(ctx, client, company.Name).ConfigureAwait(false);

        siren ??= company?.Siren;
        BodaccStatus? bodacc = null;
        if (registry is not null && siren is not null)
        {
            var b = await registry.Bodacc.StatusAsync(siren, ctx.Ct).ConfigureAwait(false);
            bodacc = b.Value;
            if (b.Value is null)
                errors.Add(ctx.T($"BODACC injoignable ({b.Error})", $"BODACC unreachable ({b.Error})"));
        }

        // The registry's head-office address becomes the client's postal address for letters, when none was given.
        if (client is { Address: null } && company?.HeadOffice is { Length: > 0 } head && company.Siren == (client.Siren ?? company.Siren))
        {
            var cid = client.Id;
            await ctx.Db.WriteAsync(s => s.Clients.SetAsync(ctx.Owner.Id, cid, "address", head, TurnContext.Actor, ctx.Now), ctx.Ct).ConfigureAwait(false);
        }

        // A client of the owner under an open proceeding: reminders stop, and the owner is told how to declare the claim.
        string? proceedings = null;
        if (client is not null && bodacc is { Open: true, Kind: not ProceedingKind.None })
        {
            var published = bodacc.Date ?? ctx.Today;
            var kind = bodacc.Kind switch
            {
                ProceedingKind.Safeguard => "safeguard",
                ProceedingKind.Receivership => "receivership",
                ProceedingKind.Liquidation => "liquidation",
                ProceedingKind.None => null,
                _ => null,
            };
            var id = client.Id;
            await ctx.Db.WriteAsync(async s =>
            {
                await s.Clients.SetAsync(ctx.Owner.Id, id, "proceedings_on", published, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
                await s.Clients.SetAsync(ctx.Owner.Id, id, "proceedings_kind", kind, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
                await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, id, TurnContext.Actor, ctx.Now, "collective proceedings").ConfigureAwait(false);
            }, ctx.Ct).ConfigureAwait(false);
            proceedings = Reminders.Proceedings.Advice(ctx, client with { ProceedingsOn = published, ProceedingsKind = kind });
        }

        var displayName = company?.Name ?? client?.Name ?? name ?? siren!;
        var (sanctions, record, notes) = await ctx.Db.ReadAsync(async s => (
            siren is null ? (IReadOnlyList<Sanction>)[] : await s.Reputation.SanctionsAsync(siren).ConfigureAwait(false),
            client is null ? null : await s.Reputation.RecordAsync(ctx.Owner.Id, client.Id, ctx.Today).ConfigureAwait(false),
            await NotesAsync(s, ctx.Owner.Id, client?.Name, company?.Name, name).ConfigureAwait(false)), ctx.Ct).ConfigureAwait(false);
        var assessment = Verdicts.Assess(company, bodacc, sanctions, record, notes.Count, ctx.Today);
        var rendered = Render(ctx, displayName, siren, company, assessment, record, notes, errors);
        return Outcome.Say(proceedings is null ? rendered : rendered + "\n\n" + proceedings);
    }

    private static async Task<List<string>> NotesAsync(Session s, long ownerId, params string?[] subjects)
    {
        var notes = new List<string>();
        foreach (var subject in subjects.Where(x => x is not null).Distinct(StringComparer.OrdinalIgnoreCase))
            notes.AddRange((await s.Reputation.NotesAsync(ownerId, subject!).ConfigureAwait(false)).Select(n => n.Text));
        return [.. notes.Distinct(StringComparer.Ordinal)];
    }

    private static string Render(TurnContext ctx, string name, string? siren, Company? company, Assessment a, PaymentRecord? record, List<string> notes, List<string> errors)
    {
        var sb = new StringBuilder();
        var (dot, word) = a.Light switch
        {
            Light.Red => ("🔴", ctx.T("risque élevé", "high risk")),
            Light.Amber => ("🟠", ctx.T("prudence", "caution")),
            _ => ("🟢", ctx.T("rien d'inquiétant", "nothing worrying")),
        };
        sb.Append(dot).Append(' ').Append(Markup.Bold(name)).Append(siren is null ? string.Empty : $" (SIREN {siren})").Append(" — ").Append(Markup.Bold(word)).Append('\n');
        if (company is not null)
        {
            var facts = new List<string>();
            if (company.HeadOffice is { } h)
                facts.Add(Markup.Escape(h));
            if (company.Category is { } c)
                facts.Add(c);
            if (company.LastFinances is { } f && f.Turnover is { } ca)
                facts.Add(ctx.T($"CA {f.Year} : {ctx.Money(ca * 100, "EUR")}", $"{f.Year} turnover: {ctx.Money(ca * 100, "EUR")}"));
            if (company.Directors.Count > 0)
                facts.Add(ctx.T("dirigeants : ", "directors: ") + string.Join(", ", company.Directors.Take(3).Select(d => Markup.Escape(d.Name))));
            if (facts.Count > 0)
                sb.Append(string.Join(" · ", facts)).Append('\n');
        }

        foreach (var r in a.Reasons.OrderByDescending(r => r.Weight))
        {
            var mark = r.Weight switch { Light.Red => "🔴", Light.Amber => "🟠", _ => "🟢" };
            sb.Append(mark).Append(' ').Append(Markup.Escape(ctx.T(r.Fr, r.En))).Append(" — ").Append(r.Source);
            if (r.Date is { } d)
                sb.Append(", ").Append(ctx.Date(d));
            sb.Append('\n');
        }

        if (record is { Invoices: > 0 })
            sb.Append(ctx.T($"Chez vous : {record.Invoices} facture(s), {ctx.Money(record.BilledCents, "EUR")} facturés.", $"With you: {record.Invoices} invoice(s), {ctx.Money(record.BilledCents, "EUR")} billed.")).Append('\n');
        foreach (var n in notes)
            sb.Append("📝 ").Append(Markup.Escape(n)).Append('\n');
        foreach (var err in errors)
            sb.Append("⚠️ ").Append(err).Append(ctx.T(" : vérification incomplète.", ": the check is incomplete.")).Append('\n');

        sb.Append('\n').Append(Markup.Bold(ctx.T("Conseil", "Advice"))).Append(" : ").Append(a.Light switch
        {
            Light.Red => ctx.T("ne travaillez qu'avec un paiement d'avance (ou un acompte d'au moins 50 %), sur devis signé ; pas de crédit.", "work only with payment up front (or a deposit of at least 50%), on a signed quote; no credit."),
            Light.Amber => ctx.T("demandez un acompte (30 %), des conditions courtes (30 jours), un devis signé et des CGV rappelant pénalités et indemnité de 40 €.", "ask for a deposit (30%), short terms (30 days), a signed quote and terms stating the penalties and the €40 indemnity."),
            _ => ctx.T("conditions habituelles, avec des CGV rappelant pénalités et indemnité de 40 €, et une facture envoyée sans tarder.", "usual terms, with terms and conditions stating the penalties and the €40 indemnity, and a prompt invoice."),
        });
        return sb.ToString();
    }

    /// <summary>The register's name carries every identifying word the owner typed (legal forms and articles aside).</summary>
    private static bool SameName(string asked, string found)
    {
        var wanted = ClientResolver.CoreWords(TextKey.Key(asked));
        var have = ClientResolver.CoreWords(TextKey.Key(found)).ToHashSet(StringComparer.Ordinal);
        return wanted.All(have.Contains);
    }

    /// <summary>Individuals and sole traders: the owner's own record of certain, undisputed debts only (CNIL).</summary>
    private static async Task<Outcome> PrivateAsync(TurnContext ctx, Client? client, string name)
    {
        var sb = new StringBuilder();
        sb.Append("🔒 ").Append(ctx.T(
            $"{Markup.Bold(name)} est une personne physique (particulier ou entrepreneur individuel) : je ne consulte aucun registre et ne calcule aucune note. Le cadre de la CNIL sur les fichiers d'impayés ne permet que de tenir compte de vos propres créances certaines et non contestées.",
            $"{Markup.Bold(name)} is a natural person (an individual or a sole trader): I look up no register and compute no score. The CNIL framework on unpaid-debt files only allows your own certain, undisputed debts to be taken into account."));
        if (client is not null)
        {
            var open = await ctx.Db.ReadAsync(s => s.Invoices.OpenForClientAsync(ctx.Owner.Id, client.Id), ctx.Ct).ConfigureAwait(false);
            var overdue = open.Where(i => i.DueDate < ctx.Today).ToList();
            sb.Append('\n').Append(overdue.Count == 0
                ? ctx.T("Chez vous : aucune facture impayée échue.", "With you: no overdue unpaid invoice.")
                : ctx.T($"Chez vous : {overdue.Count} facture(s) échue(s) non contestée(s), {ctx.Money(overdue.Sum(i => i.BalanceCents), overdue[0].Currency)} au total.", $"With you: {overdue.Count} overdue undisputed invoice(s), {ctx.Money(overdue.Sum(i => i.BalanceCents), overdue[0].Currency)} in all."));
        }

        return Outcome.Say(sb.ToString());
    }

    public static async Task<Outcome> NoteAsync(TurnContext ctx, string? subject, string? text)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (string.IsNullOrWhiteSpace(subject) || TextKey.Key(subject).Length < 2 || string.IsNullOrWhiteSpace(text))
            return Outcome.Say(ctx.T("Ex. « note sur Alpha Logistique : a payé en retard chez un confrère ».", "E.g. \"note on Alpha Logistics: paid a colleague late\"."));
        if (text.Length > 1000)
            return Outcome.Say(ctx.T("Une note de 1 000 caractères au plus, s'il vous plaît.", "A note of at most 1,000 characters, please."));
        await ctx.Db.WriteAsync(s => s.Reputation.AddNoteAsync(ctx.Owner.Id, subject.Trim(), text.Trim(), TurnContext.Actor, ctx.Now), ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(ctx.T($"📝 Noté pour {Markup.Bold(subject.Trim())} (visible de vous seul).", $"📝 Noted for {Markup.Bold(subject.Trim())} (only you can see it)."));
    }

    public static async Task<Outcome> WatchAsync(TurnContext ctx, RegistryKit? registry, Entities e)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        if (registry is null)
            return Outcome.Say(ctx.T("La surveillance a besoin des registres publics, qui ne sont pas configurés.", "Watching needs the public registers, which are not configured."));
        var query = e.Siren ?? e.Client;
        if (query is null || TextKey.Key(query).Length < 3)
            return Outcome.Say(ctx.T("Quelle entreprise surveiller ? Ex. « surveille Dupont SARL ».", "Which company should I watch? E.g. \"watch Acme Ltd\"."));
        var found = await registry.Search.SearchAsync(query, ctx.Ct).ConfigureAwait(false);
        if (found.Value is null)
            return Outcome.Say(ctx.T($"Le registre est injoignable ({found.Error}) : réessayez plus tard. Rien n'a changé.", $"The register is unreachable ({found.Error}): try again later. Nothing changed."));
        if (found.Value.Count != 1 && e.Siren is null)
            return Outcome.Say(found.Value.Count == 0
                ? ctx.T($"Aucune entreprise trouvée pour « {Markup.Escape(query)} ».", $"No company found for \"{Markup.Escape(query)}\".")
                : ctx.T("Plusieurs entreprises répondent : donnez le SIREN (« surveille SIREN 552100554 »).", "Several companies match: give the SIREN (\"watch SIREN 552100554\")."));
        var company = found.Value[0];
        if (company.SoleTrader)
            return Outcome.Say(ctx.T("Je ne surveille pas les personnes physiques (cadre CNIL).", "I don't watch natural persons (CNIL framework)."));
        var bodacc = await registry.Bodacc.StatusAsync(company.Siren, ctx.Ct).ConfigureAwait(false);
        var snapshot = Snapshot(company, bodacc.Value);
        await ctx.Db.WriteAsync(s => s.Reputation.WatchAsync(ctx.Owner.Id, company.Siren, company.Name, snapshot, ctx.Now), ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(ctx.T($"👀 Je surveille {Markup.Bold(company.Name)} (SIREN {company.Siren}) : je vérifie chaque semaine et vous préviens en cas de procédure, de cessation ou de nouveau dirigeant.", $"👀 Watching {Markup.Bold(company.Name)} (SIREN {company.Siren}): I check weekly and tell you of any proceeding, closure or new director."));
    }

    /// <summary>What a weekly re-check compares.</summary>
    public static string Snapshot(Company company, BodaccStatus? bodacc)
    {
        ArgumentNullException.ThrowIfNull(company);
        return JsonSerializer.Serialize(new SnapshotData(company.Ceased, bodacc is null ? null : $"{bodacc.Kind}:{bodacc.Open}:{bodacc.Radiated}", [.. company.Directors.Select(d => d.Name).Order(StringComparer.Ordinal)]));
    }

    /// <summary>Changes between two snapshots, in the owner's words; empty when nothing changed.</summary>
    public static IReadOnlyList<string> Changes(string? before, string after, string lang)
    {
        if (before is null)
            return [];
        var a = JsonSerializer.Deserialize<SnapshotData>(before)!;
        var b = JsonSerializer.Deserialize<SnapshotData>(after)!;
        var list = new List<string>();
        if (!a.Ceased && b.Ceased)
            list.Add(Say.Pick(lang, "l'entreprise a cessé son activité", "the company has ceased trading"));
        if (b.Proceeding is not null && a.Proceeding != b.Proceeding)
            list.Add(Say.Pick(lang, $"BODACC : {Describe(b.Proceeding, "fr")}", $"BODACC: {Describe(b.Proceeding, "en")}"));
        foreach (var d in b.Directors.Except(a.Directors, StringComparer.Ordinal))
            list.Add(Say.Pick(lang, $"nouveau dirigeant : {d}", $"new director: {d}"));
        return list;
    }

    private static string Describe(string proceeding, string lang)
    {
        var parts = proceeding.Split(':');
        var kind = Enum.Parse<ProceedingKind>(parts[0]);
        var open = parts[1] == "True";
        var radiated = parts[2] == "True";
        var text = (kind, open) switch
        {
            (ProceedingKind.Liquidation, true) => Say.Pick(lang, "liquidation judiciaire", "judicial liquidation"),
            (ProceedingKind.Receivership, true) => Say.Pick(lang, "redressement judiciaire", "receivership"),
            (ProceedingKind.Safeguard, true) => Say.Pick(lang, "procédure de sauvegarde", "safeguard proceeding"),
            (ProceedingKind.None, _) => Say.Pick(lang, "aucune procédure", "no proceeding"),
            _ => Say.Pick(lang, "procédure clôturée", "proceeding closed"),
        };
        return radiated ? text + Say.Pick(lang, ", radiée", ", struck off") : text;
    }

    private sealed record SnapshotData(bool Ceased, string? Proceeding, string[] Directors);

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
