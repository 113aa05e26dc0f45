using System.Globalization;
using System.Text;
using System.Text.Json;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Fees;

namespace Recouvrement.Skills.Reminders;

/// <summary>Why no draft was made.</summary>
public enum NoDraftReason
{
    NothingDue,
    Paused,

    /// <summary>A payment plan is running: its instalments are followed instead.</summary>
    Plan,

    /// <summary>A collective proceeding is open: the claim is declared to the mandataire, the debtor is not chased.</summary>
    Proceedings,
}

public sealed record Composition(Draft? Draft, NoDraftReason? Reason, FeeResult? Fees, IReadOnlyList<string> OwnerWarnings);

/// <summary>
/// Composes one client's reminder: which invoices, which ladder step, the fees (computed here, never by a model),
/// and the text rendered from the step's template in prompts/.
/// </summary>
public sealed class DraftComposer(TemplateLibrary templates, ReminderOptions options)
{
    public ReminderOptions Options { get; } = options;

    public TemplateLibrary Templates { get; } = templates;

    /// <param name="lang">Ignored for the text: a debtor always reads their own language (the client's, French by default).</param>
    public async Task<Composition> ComposeAsync(Session s, Owner owner, Client client, string lang, DateOnly today, string? forcedStep, string createdBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(client);
        if (Blocked(client, today) is { } reason)
            return new Composition(null, reason, null, []);
        var basis = (await BasesAsync(s, [(owner, client)]).ConfigureAwait(false))[client.Id];
        var step = forcedStep;
        if (step is null && !basis.OnPlan)
        {
            var (overdue, soon) = Split(basis, client, today);
            step = await ChooseStepAsync(s, owner, client, overdue, soon, today).ConfigureAwait(false);
        }

        return await ComposeAsync(basis, owner, client, today, step, createdBy, ct).ConfigureAwait(false);
    }

    /// <summary>One client's reminder at a given step, for each request: what they read is loaded for all at once.</summary>
    public async Task<IReadOnlyList<Composition>> ComposeManyAsync(Session s, IReadOnlyList<(Owner Owner, Client Client, DateOnly Today, string Step)> requests, string createdBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(requests);
        var bases = await BasesAsync(s, [.. requests.Select(r => (r.Owner, r.Client))]).ConfigureAwait(false);
        var compositions = new List<Composition>(requests.Count);
        foreach (var (owner, client, today, step) in requests)
            compositions.Add(await ComposeAsync(bases[client.Id], owner, client, today, step, createdBy, ct).ConfigureAwait(false));
        return compositions;
    }

    /// <summary>What a client's reminder is made from, besides the client: read once for one client or many.</summary>
    private sealed record Basis(OwnerSettings Settings, IReadOnlyList<Invoice> Open, IReadOnlyList<Payment> Payments, IReadOnlySet<long> SettledDisputes, bool OnPlan, RateTable Rates);

    private static async Task<Dictionary<long, Basis>> BasesAsync(Session s, IReadOnlyList<(Owner Owner, Client Client)> clients)
    {
        var ownerIds = clients.Select(x => x.Owner.Id).Distinct().ToList();
        var clientIds = clients.Select(x => x.Client.Id).Distinct().ToList();
        var settings = await s.Settings.GetManyAsync(ownerIds).ConfigureAwait(false);
        var onPlan = await s.Plans.ClientsWithPlanAsync(ownerIds).ConfigureAwait(false);
        var open = (await s.Invoices.OpenForClientsAsync(ownerIds, clientIds).ConfigureAwait(false)).ToLookup(i => i.ClientId);
        var payments = (await s.Payments.ForClientsAsync(ownerIds, clientIds).ConfigureAwait(false)).ToLookup(x => x.ClientId, x => x.Payment);
        // After a dispute about these invoices was settled, « un oubli arrive à tout le monde » would ring false.
        var disputes = await s.Events.InvoicesWithAsync(ownerIds, "dispute_resolved", [.. open.SelectMany(g => g).Select(i => i.Id)]).ConfigureAwait(false);
        var rates = new RateTable(await s.Rates.AllAsync().ConfigureAwait(false));
        return clients.DistinctBy(x => x.Client.Id).ToDictionary(x => x.Client.Id,
            x => new Basis(settings[x.Owner.Id], [.. open[x.Client.Id]], [.. payments[x.Client.Id]], disputes, onPlan.Contains(x.Client.Id), rates));
    }

    /// <summary>Why nothing is drafted for this client whatever is due, or null.</summary>
    private static NoDraftReason? Blocked(Client client, DateOnly today) =>
        client.ProceedingsOn is not null ? NoDraftReason.Proceedings
        : client.PausedUntil is { } until && until >= today ? NoDraftReason.Paused
        : null;

    /// <summary>The client's open invoices overdue, and those falling due within the courtesy heads-up's days.</summary>
    private (List<Invoice> Overdue, List<Invoice> Soon) Split(Basis basis, Client client, DateOnly today)
    {
        var courtesy = Options.Step(ReminderOptions.Courtesy);
        var horizon = today.AddDays(-(courtesy?.OffsetFor(client.ReminderPlan) ?? -3));
        return ([.. basis.Open.Where(i => i.DueDate < today)], [.. basis.Open.Where(i => i.DueDate >= today && i.DueDate <= horizon)]);
    }

    private async Task<Composition> ComposeAsync(Basis basis, Owner owner, Client client, DateOnly today, string? stepName, string createdBy, CancellationToken ct)
    {
        var lang = client.MessageLanguage;
        if (Blocked(client, today) is { } reason)
            return new Composition(null, reason, null, []);
        if (basis.OnPlan)
            return new Composition(null, NoDraftReason.Plan, null, []);
        if (stepName is null)
            return new Composition(null, NoDraftReason.NothingDue, null, []);
        // A heads-up is only about what has not fallen due yet; once due, the friendly reminder takes over.
        var (overdue, soon) = Split(basis, client, today);
        var covered = stepName == ReminderOptions.Courtesy ? soon : overdue;
        if (covered.Count == 0)
            return new Composition(null, NoDraftReason.NothingDue, null, []);

        var warnings = new List<string>();
        var settings = basis.Settings;
        var fees = LateFees.Compute(covered, basis.Payments, today, basis.Rates, client.Kind, settings.ContractRateBp, client.FormalNoticeOn);
        var variables = Variables(owner, client, settings, covered, fees, stepName, lang, today, warnings);
        variables["closing"] = covered.Any(i => basis.SettledDisputes.Contains(i.Id))
            ? Say.Pick(lang, "Suite à nos échanges, merci de procéder au règlement dès que possible. Si le paiement a été effectué entre-temps, merci de ne pas tenir compte de ce message.",
                "Following our exchanges, please arrange payment at your earliest convenience. If you have paid in the meantime, please disregard this message.")
            : Say.Pick(lang, "Un oubli arrive à tout le monde : merci de procéder au règlement dès que possible. Si le paiement a été effectué entre-temps, merci de ne pas tenir compte de ce message.",
                "These things slip through: please arrange payment at your earliest convenience. If you have paid in the meantime, please disregard this message.");
        var rendered = await Templates.RenderAsync($"reminder_{stepName}_{lang}", variables, ct).ConfigureAwait(false);
        var (subject, body) = SplitSubject(rendered);
        var currency = covered[0].Currency;
        var draft = new Draft
        {
            OwnerId = owner.Id,
            ClientId = client.Id,
            Step = stepName,
            Language = lang,
            Subject = subject,
            Body = body,
            InvoiceIds = JsonSerializer.Serialize(covered.Select(i => i.Id)),
            AmountCents = covered.Where(i => i.Currency == currency).Sum(i => i.BalanceCents),
            Currency = currency,
            CreatedBy = createdBy,
            ClientName = client.Name,
        };
        return new Composition(draft, null, fees, warnings);
    }

    /// <summary>The agreement for an accepted plan: the email (subject, body) or the printable letter.</summary>
    public async Task<(string Subject, string Body)> PlanAgreementAsync(Session s, Owner owner, Client client, IReadOnlyList<Invoice> invoices, IReadOnlyList<Plans.Instalment> schedule, string lang, DateOnly today, bool letter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(schedule);
        lang = client.MessageLanguage;
        var settings = await s.Settings.GetAsync(owner.Id).ConfigureAwait(false);
        var warnings = new List<string>();
        var v = Common(client, settings, invoices, lang, today, warnings);
        var currency = invoices.Count > 0 ? invoices[0].Currency : "EUR";
        v["total_due"] = Format.Money(schedule.Sum(i => i.AmountCents), currency, lang);
        v["schedule_lines"] = string.Join('\n', schedule.Select(i => Say.Pick(lang,
            $"• Échéance {i.Seq} : {Format.Money(i.AmountCents, currency, lang)} le {Format.Date(i.Due, lang)}",
            $"• Instalment {i.Seq}: {Format.Money(i.AmountCents, currency, lang)} on {Format.Date(i.Due, lang)}")));
        v["penalties_clause"] = client.Kind == ClientKinds.Individual
            ? Say.Pick(lang, "Aucun intérêt ne sera réclamé si l'échéancier est intégralement respecté.", "No interest will be claimed if the schedule is fully honoured.")
            : Say.Pick(lang, "Les pénalités de retard et indemnités forfaitaires (L441-10 et D441-5 du Code de commerce) seront abandonnées si l'échéancier est intégralement respecté ; à défaut, elles redeviendront exigibles.",
                "Late-payment penalties and fixed indemnities (L441-10 and D441-5 of the French Commercial Code) will be waived if the schedule is fully honoured; otherwise they become due again.");
        var rendered = await Templates.RenderAsync(letter ? $"letter_plan_agreement_{lang}" : $"plan_agreement_{lang}", v, ct).ConfigureAwait(false);
        return letter ? (string.Empty, Markup.ToPlain(rendered)) : SplitSubject(rendered);
    }

    /// <summary>The courteous heads-up before a plan instalment.</summary>
    public async Task<(string Subject, string Body)> PlanInstalmentAsync(Session s, Owner owner, Client client, long cents, string currency, DateOnly due, string lang, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(client);
        lang = client.MessageLanguage;
        var settings = await s.Settings.GetAsync(owner.Id).ConfigureAwait(false);
        var v = Common(client, settings, [], lang, today, []);
        v["next_instalment"] = Say.Pick(lang, $"**{Format.Money(cents, currency, lang)}** le {Format.Date(due, lang)}", $"**{Format.Money(cents, currency, lang)}** on {Format.Date(due, lang)}");
        return SplitSubject(await Templates.RenderAsync($"plan_instalment_{lang}", v, ct).ConfigureAwait(false));
    }

    /// <summary>The printable formal notice (registered mail), from the same figures as the email.</summary>
    public async Task<string> LetterAsync(Session s, Owner owner, Client client, IReadOnlyList<Invoice> invoices, string lang, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(client);
        lang = client.MessageLanguage;
        var settings = await s.Settings.GetAsync(owner.Id).ConfigureAwait(false);
        var fees = await FeesAsync(s, owner, client, invoices, settings, today).ConfigureAwait(false);
        var variables = Variables(owner, client, settings, invoices, fees, ReminderOptions.FormalNotice, lang, today, []);
        var text = await Templates.RenderAsync($"letter_formal_notice_{lang}", variables, ct).ConfigureAwait(false);
        return Markup.ToPlain(text);
    }

    private async Task<string?> ChooseStepAsync(Session s, Owner owner, Client client, List<Invoice> overdue, List<Invoice> soon, DateOnly today)
    {
        var history = await s.Drafts.ForClientAsync(owner.Id, client.Id).ConfigureAwait(false);
        var lastSent = LastSentIndex(Options, history.Where(d => d.Status is DraftStatuses.Sent or DraftStatuses.Manual).Select(d => d.Step));
        var daysLate = overdue.Count == 0 ? (int?)null : today.DayNumber - overdue.Min(i => i.DueDate).DayNumber;
        return StepFor(Options, client.ReminderPlan, daysLate, soon.Count > 0, lastSent);
    }

    public static int LastSentIndex(ReminderOptions options, IEnumerable<string> sentSteps)
    {
        ArgumentNullException.ThrowIfNull(options);
        return sentSteps.Select(options.IndexOf).DefaultIfEmpty(-1).Max();
    }

    /// <summary>
    /// The step the ladder reaches for the most overdue invoice, but never more than one rung past the last
    /// reminder actually sent: a formal notice is not the first thing a debtor hears from us. Nothing overdue:
    /// the courteous heads-up when something falls due soon.
    /// </summary>
    public static string? StepFor(ReminderOptions options, string plan, int? daysLate, bool dueSoon, int lastSentIndex)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (daysLate is not { } late)
            return dueSoon && options.Step(ReminderOptions.Courtesy) is not null ? ReminderOptions.Courtesy : null;
        var afterDue = options.Steps.Where(st => st.OffsetFor(plan) > 0).ToList();
        if (afterDue.Count == 0)
            return null;
        var byLadder = afterDue.LastOrDefault(st => st.OffsetFor(plan) <= late) ?? afterDue[0];
        var cap = Math.Max(options.IndexOf(afterDue[0].Name), lastSentIndex + 1);
        return options.IndexOf(byLadder.Name) <= cap ? byLadder.Name : options.Steps[Math.Min(cap, options.Steps.Count - 1)].Name;
    }

    private static async Task<FeeResult> FeesAsync(Session s, Owner owner, Client client, IReadOnlyList<Invoice> invoices, OwnerSettings settings, DateOnly today)
    {
        var payments = await s.Payments.ForClientAsync(owner.Id, client.Id).ConfigureAwait(false);
        var rates = new RateTable(await s.Rates.AllAsync().ConfigureAwait(false));
        return LateFees.Compute(invoices, payments, today, rates, client.Kind, settings.ContractRateBp, client.FormalNoticeOn);
    }

    private Dictionary<string, string> Variables(Owner owner, Client client, OwnerSettings settings, IReadOnlyList<Invoice> invoices, FeeResult fees, string step, string lang, DateOnly today, List<string> warnings)
    {
        string T(string fr, string en) => Say.Pick(lang, fr, en);
        _ = owner;
        var v = Common(client, settings, invoices, lang, today, warnings);
        if (fees.FallbackHalfYears.Count > 0)
        {
            warnings.Add(T(
                $"Le taux du semestre commençant le {Format.Date(fees.FallbackHalfYears[^1], lang)} n'est pas encore connu : j'ai utilisé le dernier taux connu.",
                $"The rate for the half-year starting {Format.Date(fees.FallbackHalfYears[^1], lang)} is not known yet: I used the last known rate."));
        }

        if (fees.ContractRateBelowFloor)
            warnings.Add(T(
                $"Votre taux contractuel est inférieur à 3 fois le taux légal, le minimum autorisé (L441-10) : j'applique ce minimum ({(fees.RateBpNow is { } floor ? Percent(floor, lang) : "?")}). « taux légal » ou « BCE + 10 » remet le taux par défaut.",
                $"Your contractual rate is below 3 times the legal rate, the lowest allowed (L441-10): I apply that minimum ({(fees.RateBpNow is { } floor2 ? Percent(floor2, lang) : "?")}). \"legal rate\" or \"ECB + 10\" restores the default."));
        if (step is ReminderOptions.FormalNotice or ReminderOptions.FinalNotice)
        {
            // A registered letter names both parties with their addresses: say once what is missing, and how to give it.
            if (string.IsNullOrWhiteSpace(client.Address))
                warnings.Add(T($"L'adresse de {Markup.Escape(client.Name)} manque pour la lettre recommandée : « l'adresse de {Markup.Escape(client.Name)} est … »{(client.Siren is null ? string.Empty : " (ou « vérifie " + Markup.Escape(client.Name) + " » la prend au registre)")}.",
                    $"{Markup.Escape(client.Name)}'s address is missing for the registered letter: \"{Markup.Escape(client.Name)}'s address is …\"."));
            if (string.IsNullOrWhiteSpace(settings.Address) || settings.Siren is null)
                warnings.Add(T("Votre adresse ou votre SIREN manque pour la lettre : « mon adresse est … », « mon SIREN est … ».", "Your address or SIREN is missing for the letter: \"my address is …\", \"my SIREN is …\"."));
        }

        var oldest = invoices.Min(i => i.DueDate);
        v["total_due"] = string.Join(" + ", invoices.GroupBy(i => i.Currency).Select(g => Format.Money(g.Sum(i => i.BalanceCents), g.Key, lang)));
        v["days_late"] = Format.Duration(Math.Max(1, today.DayNumber - oldest.DayNumber), lang);
        v["penalties"] = Penalties(fees, client, step, lang);
        v["deadline"] = Format.Date(Options.NoticeDeadline(today), lang);
        return v;
    }

    /// <summary>What every message to a debtor shares: names, invoices, how to pay, today.</summary>
    private static Dictionary<string, string> Common(Client client, OwnerSettings settings, IReadOnlyList<Invoice> invoices, string lang, DateOnly today, List<string> warnings)
    {
        string T(string fr, string en) => Say.Pick(lang, fr, en);
        var lines = new StringBuilder();
        foreach (var i in invoices)
        {
            var number = i.Number is null ? T("Facture", "Invoice") : T($"Facture n° {Markup.Escape(i.Number)}", $"Invoice no. {Markup.Escape(i.Number)}");
            lines.Append("• ").Append(number).Append(T(" du ", " of ")).Append(Format.Date(i.IssueDate, lang))
                 .Append(" – ").Append(Format.Money(i.AmountCents, i.Currency, lang))
                 .Append(T(" – échéance ", " – due ")).Append(Format.Date(i.DueDate, lang));
            if (i.PaidCents > 0)
                lines.Append(T($" (reste dû {Format.Money(i.BalanceCents, i.Currency, lang)})", $" ({Format.Money(i.BalanceCents, i.Currency, lang)} outstanding)"));
            lines.Append('\n');
        }

        var payment = new List<string>();
        if (!string.IsNullOrWhiteSpace(settings.Iban))
            payment.Add(T($"Règlement par virement — IBAN : {Markup.Escape(settings.Iban)}", $"Payment by bank transfer — IBAN: {Markup.Escape(settings.Iban)}"));
        if (!string.IsNullOrWhiteSpace(settings.PaymentLink))
            payment.Add(T($"Paiement en ligne : {Markup.Escape(settings.PaymentLink)}", $"Pay online: {Markup.Escape(settings.PaymentLink)}"));
        if (payment.Count == 0)
            warnings.Add(T("Aucune coordonnée de paiement : ajoutez votre IBAN (« mon IBAN est FR76… ») ou un lien de paiement.", "No payment details: add your IBAN (\"my IBAN is FR76…\") or a payment link."));
        if (string.IsNullOrWhiteSpace(settings.BusinessName))
            warnings.Add(T("Le message n'est pas signé : donnez le nom de votre entreprise (« mon entreprise s'appelle … »).", "The message is not signed: give your business name (\"my business name is …\")."));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["client_name"] = Markup.Escape(client.Name),
            ["sender_name"] = Markup.Escape(settings.BusinessName ?? string.Empty),
            ["sender_block"] = SenderBlock(settings),
            ["client_block"] = ClientBlock(client),
            ["place_date"] = PlaceDate(settings.Address, today, lang),
            ["invoice_lines"] = lines.ToString().TrimEnd(),
            ["payment_details"] = string.Join('\n', payment),
            ["today"] = Format.Date(today, lang),
        };
    }

    /// <summary>The letter's sender and addressee blocks (escaped), from <see cref="Recouvrement.Skills.Common.Parties"/>.</summary>
    internal static string SenderBlock(OwnerSettings settings) =>
        string.Join('\n', Recouvrement.Skills.Common.Parties.Sender(settings).Select(Markup.Escape));

    internal static string ClientBlock(Client client) =>
        string.Join('\n', Recouvrement.Skills.Common.Parties.Debtor(client).Select(Markup.Escape));

    /// <summary>« À Lyon, le 01/12/2026 » when the owner's address ends with a postcode and a town, else « Le 01/12/2026 ».</summary>
    internal static string PlaceDate(string? address, DateOnly today, string lang)
    {
        var town = address is null ? null : System.Text.RegularExpressions.Regex.Match(address, @"\b\d{5}\s+(?<town>[\p{L}][\p{L}' -]{1,40})\s*$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)) is { Success: true } m ? m.Groups["town"].Value.Trim() : null;
        return (town, lang) switch
        {
            (null, "en") => Format.Date(today, lang),
            (null, _) => "Le " + Format.Date(today, lang),
            (_, "en") => $"{Markup.Escape(town)}, {Format.Date(today, lang)}",
            _ => $"À {Markup.Escape(town)}, le {Format.Date(today, lang)}",
        };
    }

    /// <summary>The penalty paragraph: L441-10 and D441-5 for a business, the legal rate from the formal notice for a consumer.</summary>
    internal static string Penalties(FeeResult fees, Client client, string step, string lang)
    {
        string T(string fr, string en) => Say.Pick(lang, fr, en);
        if (step is ReminderOptions.Courtesy or ReminderOptions.Friendly)
            return string.Empty;
        var rate = fees.RateBpNow is { } bp ? Percent(bp, lang) : "?";
        if (client.Kind == ClientKinds.Individual)
        {
            if (step == ReminderOptions.Firm)
                return T("À défaut de règlement, des intérêts au taux légal pourront courir à compter d'une mise en demeure (article 1231-6 du Code civil).",
                    "Failing payment, interest at the legal rate may run from a formal notice (article 1231-6 of the French Civil Code).");
            var accrued = fees.InterestCents > 0 ? T($", soit {Format.Money(fees.InterestCents, fees.Currency, lang)} à ce jour", $", i.e. {Format.Money(fees.InterestCents, fees.Currency, lang)} to date") : string.Empty;
            return T($"Des intérêts au taux légal ({rate}) courent sur cette somme à compter de la mise en demeure (articles 1231-6 et 1344-1 du Code civil){accrued}.",
                $"Interest at the legal rate ({rate}) runs on this sum from the formal notice (articles 1231-6 and 1344-1 of the French Civil Code){accrued}.");
        }

        var basis = fees.Basis == FeeBasis.Contract
            ? T("prévu à nos conditions générales", "set in our terms and conditions")
            : T("taux de refinancement de la BCE majoré de 10 points", "ECB refinancing rate plus 10 points");
        var interest = Format.Money(fees.InterestCents, fees.Currency, lang);
        var indemnity = Format.Money(fees.IndemnityCents, "EUR", lang);
        var total = fees.Currency == "EUR" ? Format.Money(fees.InterestCents + fees.IndemnityCents, "EUR", lang) : $"{interest} + {indemnity}";
        return T(
            $"Conformément à l'article L441-10 du Code de commerce, des pénalités de retard sont dues de plein droit, sans qu'un rappel soit nécessaire, au taux de {rate} ({basis}), soit {interest} à ce jour, ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40 € par facture en retard (article D441-5 du Code de commerce), soit {indemnity}. Total des pénalités et indemnités à ce jour : **{total}**.",
            $"Under article L441-10 of the French Commercial Code, late-payment penalties are due by law, without any reminder being needed, at {rate} ({basis}), i.e. {interest} to date, plus a fixed recovery indemnity of €40 per late invoice (article D441-5), i.e. {indemnity}. Total penalties and indemnities to date: **{total}**.");
    }

    public static string Percent(int bp, string lang) =>
        lang == "en" ? (bp / 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%" : (bp / 100m).ToString("0.00", Format.Culture("fr")) + "\u00A0%";

    private static (string Subject, string Body) SplitSubject(string rendered)
    {
        var newline = rendered.IndexOf('\n', StringComparison.Ordinal);
        var first = newline < 0 ? rendered : rendered[..newline];
        foreach (var prefix in new[] { "Objet :", "Objet:", "Subject:" })
        {
            if (first.StartsWith(prefix, StringComparison.Ordinal))
                return (Markup.ToPlain(first[prefix.Length..].Trim()), newline < 0 ? string.Empty : rendered[(newline + 1)..].Trim());
        }

        return (string.Empty, rendered);
    }
}
