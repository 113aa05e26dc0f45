using System.Globalization;
using System.Text.RegularExpressions;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Fees;

namespace Recouvrement.Skills.Escalation;

/// <summary>The words of an escalation: the file's paragraphs (French, for the court) and the chat's replies (owner's language).</summary>
public static partial class EscalationWording
{
    private static string Money(long cents) => Format.Money(cents, "EUR", "fr");

    private static string Date(DateOnly d) => Format.Date(d, "fr");

    public static string Form(CourtRoute order) => order == CourtRoute.JudicialCourt ? "Cerfa n° 12948*06" : "Cerfa n° 12946*02";

    /// <summary>« 69002 Lyon » from an address, for naming the court's area.</summary>
    public static string? Town(string? address) =>
        address is not null && TownRegex().Match(address) is { Success: true } m ? m.Value.Trim() : null;

    public static IReadOnlyList<string> RouteParagraphs(EscalationCase c, Client client)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(client);
        var paragraphs = new List<string>();
        if (c.Route == CourtRoute.SmallClaims)
        {
            paragraphs.Add($"Montant total de {Money(c.TotalCents)}, au plus 5 000 € : la procédure simplifiée de recouvrement des petites créances est ouverte (articles L125-1 et R125-1 du Code des procédures civiles d'exécution). "
                + "Un commissaire de justice invite le débiteur, par lettre recommandée avec accusé de réception ou par voie électronique, à y participer ; le débiteur dispose d'un mois pour accepter. "
                + "L'accord sur le montant et les délais de paiement permet au commissaire de justice de délivrer un titre exécutoire. Les frais de la procédure sont à la charge du créancier.");
            paragraphs.Add("Si le débiteur refuse ou ne répond pas dans le mois : requête en injonction de payer, comme ci-dessous.");
        }

        var town = Town(client.Address) is { } t ? $" ({t})" : string.Empty;
        paragraphs.Add(c.CourtOrder == CourtRoute.CommercialCourt
            ? $"Créance entre professionnels : requête en injonction de payer (articles 1405 et suivants du Code de procédure civile) au président du tribunal de commerce, ou du tribunal des activités économiques, dans le ressort duquel le débiteur a son siège{town}, sur le {Form(c.CourtOrder)} ou en ligne sur tribunaldigital.fr."
            : $"Débiteur particulier : requête en injonction de payer (articles 1405 et suivants du Code de procédure civile) au tribunal judiciaire du lieu où demeure le débiteur{town}, sur le {Form(c.CourtOrder)}.");
        paragraphs.Add("L'ordonnance est rendue revêtue de la formule exécutoire (depuis le 1er mars 2022). Elle doit être signifiée au débiteur par un commissaire de justice dans les six mois ; le débiteur peut former opposition dans le mois qui suit la signification.");
        return paragraphs;
    }

    public static IReadOnlyList<string> Request(EscalationCase c, OwnerSettings settings, Client client, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(client);
        var creditor = string.Join(", ", Common.Parties.Sender(settings).DefaultIfEmpty("[votre entreprise]"));
        var debtor = string.Join(", ", Common.Parties.Debtor(client));
        var invoices = string.Join(" ; ", c.Claimed.Select(i => $"{(i.Number is { } n ? $"n° {n} " : string.Empty)}du {Date(i.IssueDate)} échue le {Date(i.DueDate)} ({Money(i.BalanceCents)} restant dus)"));
        var reminders = c.Reminders.Count(r => r.Step != Reminders.ReminderOptions.FormalNotice);
        var noticeOn = c.Reminders.LastOrDefault(r => r.Step == Reminders.ReminderOptions.FormalNotice)?.On ?? client.FormalNoticeOn;
        var despite = (reminders, noticeOn) switch
        {
            (0, null) => "Le débiteur ne s'est pas acquitté de sa dette.",
            (_, null) => $"Malgré {reminders} relance(s), le débiteur ne s'est pas acquitté de sa dette.",
            (0, { } d) => $"Malgré une mise en demeure du {Date(d)} restée sans effet, le débiteur ne s'est pas acquitté de sa dette.",
            (_, { } d) => $"Malgré {reminders} relance(s) et une mise en demeure du {Date(d)} restée sans effet, le débiteur ne s'est pas acquitté de sa dette.",
        };
        var asks = new List<string> { $"{Money(c.PrincipalCents)} en principal" };
        if (c.Fees.InterestCents > 0)
            asks.Add($"{Money(c.Fees.InterestCents)} d'intérêts de retard arrêtés au {Date(today)}, outre les intérêts à courir jusqu'à parfait paiement");
        if (c.Fees.IndemnityCents > 0)
            asks.Add($"{Money(c.Fees.IndemnityCents)} au titre de l'indemnité forfaitaire pour frais de recouvrement (article D441-5 du Code de commerce, 40 € par facture)");
        return
        [
            $"Le requérant, {creditor}, expose être créancier de {debtor}, de la somme de {Money(c.PrincipalCents)} en principal, au titre des factures impayées suivantes : {invoices}.",
            despite,
            $"Il demande qu'il soit enjoint au débiteur de lui payer : {string.Join(" ; ", asks)} ; soit au total {Money(c.TotalCents)}, ainsi que les dépens.",
            "Pièces : voir le bordereau ci-après.",
        ];
    }

    public static string FeeBasis(FeeResult fees)
    {
        ArgumentNullException.ThrowIfNull(fees);
        var rate = fees.RateBpNow is { } bp ? (bp / 100m).ToString("0.##", CultureInfo.GetCultureInfo("fr-FR")) + " %" : null;
        return fees.Basis switch
        {
            Fees.FeeBasis.Individual => "Débiteur non professionnel : intérêts au taux légal à compter de la mise en demeure (articles 1231-6 et 1344-1 du Code civil)" + (rate is null ? string.Empty : $", soit {rate} l'an") + " ; pas d'indemnité forfaitaire.",
            Fees.FeeBasis.Contract => "Intérêts au taux prévu par les conditions de vente (au moins trois fois le taux d'intérêt légal, article L441-10 du Code de commerce)" + (rate is null ? string.Empty : $", soit {rate} l'an") + ", jour par jour sur le solde impayé ; indemnité forfaitaire de 40 € par facture (article D441-5).",
            _ => "Intérêts au taux de refinancement de la BCE majoré de 10 points (article L441-10 du Code de commerce)" + (rate is null ? string.Empty : $", soit {rate} l'an") + ", jour par jour sur le solde impayé ; indemnité forfaitaire de 40 € par facture (article D441-5).",
        };
    }

    /// <summary>The bordereau's lines, numbered as the pieces are: the same in the PDF and in the ZIP's LISEZ-MOI.</summary>
    public static IEnumerable<string> Bordereau(IReadOnlyList<string> pieces) =>
        pieces.Select((piece, i) => FormattableString.Invariant($"Pièce n° {i + 1} : {piece}"));

    /// <summary>What is still missing before filing, listed in the file.</summary>
    public static IReadOnlyList<string> Missing(EscalationCase c, OwnerSettings settings, Client client)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(client);
        var missing = new List<string>();
        if (c.Notice == NoticeState.None)
            missing.Add("Aucune mise en demeure n'est enregistrée : envoyez-la d'abord en recommandé avec accusé de réception, et attendez la fin du délai qu'elle donne.");
        else if (c.Notice == NoticeState.DeadlineRunning && c.NoticeDeadline is { } d)
            missing.Add($"Le délai donné par la mise en demeure court jusqu'au {Date(d)} : déposez après cette date.");
        if (string.IsNullOrWhiteSpace(client.Address))
            missing.Add("L'adresse du débiteur (son siège, qui fixe le tribunal compétent).");
        if (client.Kind != ClientKinds.Individual && client.Siren is null)
            missing.Add("Le SIREN du débiteur.");
        if (settings.Siren is null || string.IsNullOrWhiteSpace(settings.Address) || string.IsNullOrWhiteSpace(settings.BusinessName))
            missing.Add("Votre raison sociale, votre SIREN et votre adresse complets.");
        missing.Add($"Une copie de chaque facture (pièces 1 à {c.Claimed.Count}) : je n'en garde que les montants et les dates.");
        return missing;
    }

    // --- Chat replies, in the owner's language.

    public static string Blocked(TurnContext ctx, EscalationBlocker blocker, Client client, DateOnly? nextDue)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(client);
        var name = Markup.Bold(client.Name);
        return blocker switch
        {
            EscalationBlocker.Proceedings => Reminders.Proceedings.Advice(ctx, client),
            EscalationBlocker.NotYetDue => ctx.T(
                $"Rien n'est encore échu chez {name}{(nextDue is { } d ? $" (prochaine échéance le {ctx.Date(d)})" : string.Empty)} : une procédure suppose une créance exigible. Pas de dossier pour l'instant.",
                $"Nothing is due yet at {name}{(nextDue is { } d2 ? $" (next due {ctx.Date(d2)})" : string.Empty)}: a court claim needs a debt that is due. No file for now."),
            EscalationBlocker.Disputed => ctx.T(
                $"Les factures de {name} sont en litige : un juge n'accorde pas une créance contestée. Réglez d'abord le litige (« litige résolu avec {Markup.Escape(client.Name)} »), puis redemandez le dossier.",
                $"{name}'s invoices are disputed: a court will not grant a contested claim. Settle the dispute first (\"dispute resolved with {Markup.Escape(client.Name)}\"), then ask for the file again."),
            EscalationBlocker.PlanHonoured => ctx.T(
                $"Un échéancier est en cours avec {name} : pas de procédure tant qu'il est respecté. S'il ne l'est pas, je vous le dirai.",
                $"A payment plan is running with {name}: no court action while it is kept. If it is not, I will tell you."),
            _ => ctx.T($"{name} ne vous doit rien : pas de dossier à préparer.", $"{name} owes you nothing: no file to prepare."),
        };
    }

    public static string Summary(TurnContext ctx, EscalationCase c, Client client)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(client);
        var name = Markup.Bold(client.Name);
        var route = (c.Route, c.CourtOrder) switch
        {
            (CourtRoute.SmallClaims, _) => ctx.T("procédure des petites créances par un commissaire de justice (au plus 5 000 €), puis injonction de payer si le débiteur refuse",
                "small-claims procedure through a commissaire de justice (up to €5,000), then a payment order if the debtor refuses"),
            (_, CourtRoute.CommercialCourt) => ctx.T("injonction de payer au tribunal de commerce du siège du débiteur (Cerfa 12946*02, en ligne sur tribunaldigital.fr)",
                "payment order (injonction de payer) at the commercial court of the debtor's seat (form Cerfa 12946*02, online at tribunaldigital.fr)"),
            _ => ctx.T("injonction de payer au tribunal judiciaire du domicile du débiteur (Cerfa 12948*06)", "payment order at the judicial court of the debtor's home (form Cerfa 12948*06)"),
        };
        var next = c.Notice switch
        {
            NoticeState.None => ctx.T($"⚠️ Aucune mise en demeure n'est enregistrée : c'est la pièce qu'on vous demandera d'abord. Envoyez-la avant de déposer (« rédige une mise en demeure pour {Markup.Escape(client.Name)} »).",
                $"⚠️ No formal notice is recorded: it is the first piece you will be asked for. Send it before filing (\"draft a formal notice for {Markup.Escape(client.Name)}\")."),
            NoticeState.DeadlineRunning => ctx.T($"⏳ La mise en demeure laisse jusqu'au {ctx.Date(c.NoticeDeadline!.Value)} : déposez après cette date.",
                $"⏳ The formal notice gives until {ctx.Date(c.NoticeDeadline!.Value)}: file after that day."),
            _ => ctx.T($"✅ Le délai de la mise en demeure est passé ({ctx.Date(c.NoticeDeadline!.Value)}) : vous pouvez déposer.",
                $"✅ The formal notice's deadline has passed ({ctx.Date(c.NoticeDeadline!.Value)}): you can file."),
        };
        var money = ctx.T(
            $"⚖️ Dossier de recouvrement pour {name} : {Markup.Bold(Format.Money(c.TotalCents, "EUR", ctx.Lang))} réclamés ({Format.Money(c.PrincipalCents, "EUR", ctx.Lang)} de principal, {Format.Money(c.Fees.InterestCents, "EUR", ctx.Lang)} d'intérêts, {Format.Money(c.Fees.IndemnityCents, "EUR", ctx.Lang)} d'indemnités), {c.Claimed.Count} facture(s).",
            $"⚖️ Court file for {name}: {Markup.Bold(Format.Money(c.TotalCents, "EUR", ctx.Lang))} claimed ({Format.Money(c.PrincipalCents, "EUR", ctx.Lang)} principal, {Format.Money(c.Fees.InterestCents, "EUR", ctx.Lang)} interest, {Format.Money(c.Fees.IndemnityCents, "EUR", ctx.Lang)} recovery fees), {c.Claimed.Count} invoice(s).");
        var left = c.LeftOut > 0 ? "\n" + ctx.T($"{c.LeftOut} autre(s) facture(s) (non échue, en litige ou dans une autre devise) n'y figurent pas.", $"{c.LeftOut} other invoice(s) (not due, disputed or in another currency) are left out.") : string.Empty;
        return $"{money}{left}\n{ctx.T("Voie conseillée", "Route")} : {route}.\n{next}\n"
            + ctx.T("📎 Le dossier (PDF, en français pour le tribunal) : requête pré-remplie, décompte, bordereau des pièces ; puis les pièces réunies dans un ZIP.",
                "📎 The file (PDF, in French for the court): pre-filled request, statement of sums due, list of pieces; then the pieces together in a ZIP.");
    }

    [GeneratedRegex(@"\b\d{5}\s+[\p{L}][\p{L}' -]{1,40}\s*$")]
    private static partial Regex TownRegex();
}
