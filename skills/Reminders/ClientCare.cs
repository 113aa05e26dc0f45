using System.Net.Mail;
using System.Text;
using System.Text.Json;
using Recouvrement.Data;
using Recouvrement.Skills.Clients;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Reminders;

/// <summary>set_client, disputes, promises to pay and the owner's own settings: what stops, pauses or shapes reminders.</summary>
public static class ClientCare
{
    public static async Task<Outcome> SetClientAsync(TurnContext ctx, Entities e)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        var (client, problem) = await ClientLookup.FindAsync(ctx, e.Client, "Pour quel client ? Ex. « l'email de Dupont SARL est compta@dupont.fr ».", "For which client? E.g. \"the email of Acme Ltd is ap@acme.com\".").ConfigureAwait(false);
        if (client is null)
            return problem!;
        var changes = new List<(string Column, object? Value, string Said)>();
        if (e.Copy)
        {
            // The e-mail named is the copy's, never the client's own address.
            if (e.CopyOff)
            {
                changes.Add(("copy_email", null, ctx.T("plus de copie des messages", "no more copies of messages")));
            }
            else if (e.Email is not { } copyTo || !ValidEmail(copyTo))
            {
                return Outcome.Say(ctx.T("Quelle adresse e-mail mettre en copie ? Ex. « mets compta@cabinet.fr en copie pour Dupont SARL ». Rien n'a changé.", "Which e-mail address should get a copy? E.g. \"copy ap@firm.com for Acme Ltd\". Nothing changed."));
            }
            else
            {
                changes.Add(("copy_email", copyTo, ctx.T($"{Markup.Escape(copyTo)} en copie{(e.CopyHidden ? " cachée" : string.Empty)} de ses messages", $"{Markup.Escape(copyTo)} {(e.CopyHidden ? "in blind copy" : "in copy")} of its messages")));
                changes.Add(("copy_hidden", e.CopyHidden, string.Empty));
            }
        }
        else if (e.Email is { } email)
        {
            if (!ValidEmail(email))
                return Outcome.Say(ctx.T($"« {Markup.Escape(email)} » n'est pas une adresse email valide : rien n'a changé.", $"\"{Markup.Escape(email)}\" is not a valid email address: nothing changed."));
            changes.Add(("email", email, ctx.T($"email : {Markup.Escape(email)}", $"email: {Markup.Escape(email)}")));
        }

        if (e.Siren is { } siren)
        {
            if (!ValidSiren(siren))
                return Outcome.Say(ctx.T($"Le SIREN {Markup.Escape(siren)} n'est pas valide (9 chiffres, clé de contrôle) : rien n'a changé.", $"SIREN {Markup.Escape(siren)} is not valid (9 digits, check digit): nothing changed."));
            changes.Add(("siren", siren, $"SIREN {siren}"));
        }

        if (e.Kind is { } kind)
            changes.Add(("kind", kind, kind == ClientKinds.Individual ? ctx.T("particulier (pas d'indemnité de 40 €)", "individual (no €40 indemnity)") : ctx.T("entreprise", "company")));
        if (e.Plan is { } plan)
            changes.Add(("reminder_plan", plan, plan switch
            {
                ReminderPlans.Gentle => ctx.T("plan « bon payeur » (relances plus espacées)", "\"good payer\" plan (gentler spacing)"),
                ReminderPlans.Strict => ctx.T("plan « mauvais payeur » (relances plus rapprochées)", "\"bad payer\" plan (tighter spacing)"),
                _ => ctx.T("plan standard", "standard plan"),
            }));
        if (e.Address is { } address)
        {
            if (address.Length > 200)
                return Outcome.Say(ctx.T("Cette adresse est trop longue (200 caractères au plus) : rien n'a changé.", "That address is too long (200 characters at most): nothing changed."));
            changes.Add(("address", address, ctx.T($"adresse : {Markup.Escape(address)}", $"address: {Markup.Escape(address)}")));
        }

        if (e.ClientLanguage is { } language)
            changes.Add(("language", language, language == "en" ? ctx.T("messages en anglais", "messages in English") : ctx.T("messages en français", "messages in French")));
        if (changes.Count == 0)
            return Outcome.Say(ctx.T("Que voulez-vous changer ? Ex. « l'email de Dupont SARL est compta@dupont.fr », « Mme Durand est une particulière », « Dupont SARL est un bon payeur ».", "What should change? E.g. \"the email of Acme Ltd is ap@acme.com\", \"Mrs Smith is an individual\", \"Acme Ltd is a good payer\"."));

        await ctx.Db.WriteAsync(async s =>
        {
            foreach (var (column, value, _) in changes)
                await s.Clients.SetAsync(ctx.Owner.Id, client.Id, column, value, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
        }, ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(ctx.T($"✅ {Markup.Bold(client.Name)} : ", $"✅ {Markup.Bold(client.Name)}: ") + string.Join(", ", changes.Select(c => c.Said).Where(s => s.Length > 0)) + ".");
    }

    public static bool ValidEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.Length > 254 || email.Any(char.IsWhiteSpace) || email.Count(c => c == '@') != 1)
            return false;
        try
        {
            var parsed = new MailAddress(email);
            return parsed.Address == email && parsed.Host.Contains('.', StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>9 digits passing the Luhn check (La Poste's 356 000 000 is the known exception).</summary>
    public static bool ValidSiren(string siren)
    {
        ArgumentNullException.ThrowIfNull(siren);
        if (siren.Length != 9 || !siren.All(char.IsAsciiDigit))
            return false;
        return siren == "356000000" || ValidLuhn(siren);
    }

    /// <summary>The Luhn check of SIREN and SIRET numbers.</summary>
    public static bool ValidLuhn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            if (!char.IsAsciiDigit(digits[^(i + 1)]))
                return false;
            var d = digits[^(i + 1)] - '0';
            if (i % 2 == 1 && (d *= 2) > 9)
                d -= 9;
            sum += d;
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    public static async Task<Outcome> DisputeAsync(TurnContext ctx, string? clientName, string? number, bool open)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        Invoice? target = null;
        if (number is not null)
        {
            target = await ctx.Db.ReadAsync(s => s.Invoices.FindByNumberAsync(ctx.Owner.Id, number), ctx.Ct).ConfigureAwait(false);
            if (target is null)
                return Outcome.Say(ctx.T($"Je ne trouve pas de facture n° {Markup.Bold(number)}.", $"I can't find invoice no. {Markup.Bold(number)}."));
            clientName = target.ClientName;
        }

        var (client, problem) = await ClientLookup.FindAsync(ctx, clientName, "Quel client ou quelle facture ? Ex. « Dupont conteste la facture F-2026-041 ».", "Which client or invoice? E.g. \"Acme disputes INV-88\".").ConfigureAwait(false);
        if (client is null)
            return problem!;
        var changed = await ctx.Db.WriteAsync(async s =>
        {
            var invoices = target is not null ? [target] : await s.Invoices.ForClientAsync(ctx.Owner.Id, client.Id).ConfigureAwait(false);
            var touched = new List<Invoice>();
            foreach (var i in invoices)
            {
                if (await s.Invoices.SetDisputedAsync(ctx.Owner.Id, i.Id, open, TurnContext.Actor, ctx.Now).ConfigureAwait(false))
                    touched.Add(i);
            }

            if (open && touched.Count > 0)
                await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, client.Id, TurnContext.Actor, ctx.Now, "dispute").ConfigureAwait(false);
            return touched;
        }, ctx.Ct).ConfigureAwait(false);
        var list = string.Join(", ", changed.Select(i => i.Number is { } n ? $"n° {Markup.Escape(n)}" : ctx.Date(i.DueDate)));
        if (changed.Count == 0)
        {
            return Outcome.Say(open
                ? ctx.T($"Aucune facture en attente à mettre en litige pour {Markup.Bold(client.Name)}.", $"No outstanding invoice to put in dispute for {Markup.Bold(client.Name)}.")
                : ctx.T($"Aucun litige en cours pour {Markup.Bold(client.Name)}.", $"No dispute open for {Markup.Bold(client.Name)}."));
        }

        return Outcome.Say(open
            ? ctx.T($"⏸️ Litige noté pour {Markup.Bold(client.Name)} ({list}) : plus aucune relance sur ces factures jusqu'à ce que vous disiez « litige {Markup.Escape(client.Name)} résolu ».", $"⏸️ Dispute recorded for {Markup.Bold(client.Name)} ({list}): no more reminders on these invoices until you say \"dispute {Markup.Escape(client.Name)} resolved\".")
            : ctx.T($"▶️ Litige résolu pour {Markup.Bold(client.Name)} ({list}) : les relances peuvent reprendre.", $"▶️ Dispute resolved for {Markup.Bold(client.Name)} ({list}): reminders may resume."));
    }

    public const string UndoLaterAction = "undo_later";

    /// <summary>
    /// « relance Dupont SARL dans 10 jours »: the ladder waits until that day (a draft pending now is withdrawn), then
    /// drafts the step due then, for approval as usual.
    /// </summary>
    public static async Task<Outcome> RemindLaterAsync(TurnContext ctx, string? clientName, DateOnly when)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var (client, problem) = await ClientLookup.FindAsync(ctx, clientName, "Qui relancer plus tard ? Ex. « relance Dupont SARL dans 10 jours ».", "Who should I remind later? E.g. \"remind Acme Ltd in 10 days\".").ConfigureAwait(false);
        if (client is null)
            return problem!;
        var withdrawn = await ctx.Db.WriteAsync(async s =>
        {
            await s.Clients.SetAsync(ctx.Owner.Id, client.Id, "paused_until", when.AddDays(-1), TurnContext.Actor, ctx.Now).ConfigureAwait(false);
            return await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, client.Id, TurnContext.Actor, ctx.Now, "rescheduled").ConfigureAwait(false);
        }, ctx.Ct).ConfigureAwait(false);
        var undo = new ChoiceSet().Add(ctx.T("Annuler", "Undo"), UndoLaterAction,
            client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + (client.PausedUntil?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
        var note = withdrawn > 0 ? ctx.T(" Le brouillon en attente est retiré.", " The pending draft is withdrawn.") : string.Empty;
        return Outcome.Ask(ctx.T(
            $"⏰ D'accord : je relancerai {Markup.Bold(client.Name)} le {ctx.Date(when)} — un brouillon à valider vous attendra ce matin-là. Rien ne part d'ici là.{note}",
            $"⏰ OK: I'll remind {Markup.Bold(client.Name)} on {ctx.Date(when)} — a draft will wait for your approval that morning. Nothing goes out before.{note}"),
            DialogState.Buttons(undo.ToList()));
    }

    public static async Task<Outcome> UndoRemindLaterAsync(TurnContext ctx, string? value)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var parts = (value ?? string.Empty).Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var clientId))
            return Outcome.Say(ctx.T("Ce bouton n'est plus valable.", "That button is no longer valid."));
        DateOnly? previous = DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
        var done = await ctx.Db.WriteAsync(s => s.Clients.SetAsync(ctx.Owner.Id, clientId, "paused_until", previous, TurnContext.Actor, ctx.Now), ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(done
            ? ctx.T("↩️ Relances reprises comme avant.", "↩️ Reminders back as they were.")
            : ctx.T("Ce bouton n'est plus valable.", "That button is no longer valid."));
    }

    public static async Task<Outcome> PromiseAsync(TurnContext ctx, string? clientName, DateOnly? date)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var (client, problem) = await ClientLookup.FindAsync(ctx, clientName, "Quel client a promis de payer ? Ex. « Dupont promet de payer le 10/12 ».", "Which client promised to pay? E.g. \"Acme promises to pay on Dec 10\".").ConfigureAwait(false);
        if (client is null)
            return problem!;
        if (date is null)
            return Outcome.Say(ctx.T($"Pour quelle date {Markup.Bold(client.Name)} promet-il de payer ? Ex. « {Markup.Escape(client.Name)} promet de payer le 10/12 ».", $"By what date does {Markup.Bold(client.Name)} promise to pay? E.g. \"{Markup.Escape(client.Name)} promises to pay on Dec 10\"."));
        if (date < ctx.Today)
            return Outcome.Say(ctx.T($"Le {ctx.Date(date.Value)} est déjà passé : rien n'a changé.", $"{ctx.Date(date.Value)} is already past: nothing changed."));
        await ctx.Db.WriteAsync(async s =>
        {
            await s.Clients.SetAsync(ctx.Owner.Id, client.Id, "paused_until", date.Value, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
            await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, client.Id, TurnContext.Actor, ctx.Now, "promise").ConfigureAwait(false);
        }, ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(ctx.T(
            $"🤝 Promesse notée : pas de relance à {Markup.Bold(client.Name)} jusqu'au {ctx.Date(date.Value)} inclus. Si rien n'est payé, les relances reprennent le {ctx.Date(date.Value.AddDays(1))}.",
            $"🤝 Promise recorded: no reminder to {Markup.Bold(client.Name)} until {ctx.Date(date.Value)} inclusive. If nothing is paid, reminders resume on {ctx.Date(date.Value.AddDays(1))}."));
    }

    public static async Task<Outcome> SettingsAsync(TurnContext ctx, Entities e, string text)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        if (e.ChatLanguage is { } chat)
        {
            // The owner's chat language is a setting: kept until changed this way, whatever language a message is in.
            await ctx.Db.WriteAsync(s => s.Owners.FixLanguageAsync(ctx.Owner.Id, chat), ctx.Ct).ConfigureAwait(false);
            return Outcome.Say(chat == "en"
                ? "✅ From now on I'll answer in English, and your morning digest will be in English. (Each client's messages keep that client's language.)"
                : "✅ Je vous réponds désormais en français, point du matin compris. (Les messages à vos clients gardent la langue de chaque client.)");
        }

        var said = new List<string>();
        var current = await ctx.Db.ReadAsync(s => s.Settings.GetAsync(ctx.Owner.Id), ctx.Ct).ConfigureAwait(false);
        var next = current;
        if (e.Iban is { } iban)
        {
            if (!ValidIban(iban))
                return Outcome.Say(ctx.T($"L'IBAN {Markup.Escape(iban)} n'est pas valide (clé de contrôle) : rien n'a changé.", $"IBAN {Markup.Escape(iban)} is not valid (check digits): nothing changed."));
            next = next with { Iban = FormatIban(iban) };
            said.Add($"IBAN {Markup.Escape(FormatIban(iban))}");
        }

        if (e.Url is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                return Outcome.Say(ctx.T("Le lien de paiement doit être une adresse https:// : rien n'a changé.", "The payment link must be an https:// address: nothing changed."));
            next = next with { PaymentLink = url };
            said.Add(ctx.T($"lien de paiement {Markup.Escape(url)}", $"payment link {Markup.Escape(url)}"));
        }

        if (e.BusinessName is { } name)
        {
            next = next with { BusinessName = name };
            said.Add(ctx.T($"nom : {Markup.Escape(name)}", $"name: {Markup.Escape(name)}"));
        }

        if (e.Address is { } address)
        {
            if (address.Length > 200)
                return Outcome.Say(ctx.T("Cette adresse est trop longue (200 caractères au plus) : rien n'a changé.", "That address is too long (200 characters at most): nothing changed."));
            next = next with { Address = address };
            said.Add(ctx.T($"adresse : {Markup.Escape(address)}", $"address: {Markup.Escape(address)}"));
        }

        if (e.Siren is { } siren)
        {
            if (!ValidSiren(siren))
                return Outcome.Say(ctx.T($"Le SIREN {Markup.Escape(siren)} n'est pas valide (9 chiffres, clé de contrôle) : rien n'a changé.", $"SIREN {Markup.Escape(siren)} is not valid (9 digits, check digit): nothing changed."));
            next = next with { Siren = siren };
            said.Add($"SIREN {siren}");
        }

        if (e.LegalForm is { } form)
        {
            next = next with { LegalForm = form };
            said.Add(ctx.T($"forme juridique : {Markup.Escape(form)}", $"legal form: {Markup.Escape(form)}"));
        }

        if (e.Copy && e.CopyOff)
        {
            next = next with { CopyEmail = null, CopyHidden = false };
            said.Add(ctx.T("plus de copie des messages aux clients", "no more copies of messages to clients"));
        }
        else if (e.Copy)
        {
            if (e.Email is not { } copyTo || !ValidEmail(copyTo))
                return Outcome.Say(ctx.T("Quelle adresse e-mail mettre en copie ? Ex. « mets ma comptable en copie : compta@cabinet.fr ». Rien n'a changé.", "Which e-mail address should get a copy? E.g. \"copy my accountant: ap@firm.com\". Nothing changed."));
            next = next with { CopyEmail = copyTo, CopyHidden = e.CopyHidden };
            said.Add(ctx.T($"{Markup.Escape(copyTo)} en copie{(e.CopyHidden ? " cachée" : string.Empty)} de chaque message à vos clients", $"{Markup.Escape(copyTo)} {(e.CopyHidden ? "in blind copy" : "in copy")} of every message to your clients"));
        }

        if (e.RateBp is { } rate)
        {
            next = next with { ContractRateBp = rate };
            said.Add(ctx.T($"taux de pénalités contractuel {DraftComposer.Percent(rate, "fr")}", $"contractual penalty rate {DraftComposer.Percent(rate, "en")}"));
        }

        if (e.ResetRate && next.ContractRateBp is not null)
        {
            next = next with { ContractRateBp = null };
            said.Add(ctx.T("taux de pénalités : le taux légal (BCE + 10 points)", "penalty rate: the legal one (ECB + 10 points)"));
        }
        else if (e.ResetRate)
        {
            return Outcome.Say(ctx.T("C'est déjà le taux légal (BCE + 10 points) qui s'applique.", "The legal rate (ECB + 10 points) already applies."));
        }

        if (e.Toggle is { } on)
        {
            var step = e.Step;
            if (step is null && on)
                return Outcome.Say(ctx.T("Pour quelle étape activer l'envoi automatique ? Ex. « envoi automatique pour la relance amicale ». Il est désactivé par défaut : tout passe par votre validation.", "For which step should automatic sending be on? E.g. \"auto-send the friendly reminder\". It is off by default: everything waits for your approval."));
            var steps = next.AutoSendSteps.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            if (step is null)
                steps.Clear();
            else if (on)
                steps.Add(step);
            else
                steps.Remove(step);
            next = next with { AutoSendSteps = string.Join(',', steps.Order(StringComparer.Ordinal)) };
            said.Add(step is null
                ? ctx.T("envoi automatique désactivé pour toutes les étapes", "automatic sending off for every step")
                : ctx.T($"envoi automatique {(on ? "activé" : "désactivé")} pour « {Drafting.StepLabel(step, "fr")} »", $"automatic sending {(on ? "on" : "off")} for \"{Drafting.StepLabel(step, "en")}\""));
        }

        if (said.Count == 0)
            return Outcome.Say(ctx.T("Je n'ai pas compris le réglage. Exemples : « mon IBAN est FR76… », « mon lien de paiement est https://… », « taux de pénalités 10 % », « mon entreprise s'appelle Atelier Nova ».", "I didn't get the setting. Examples: \"my IBAN is FR76…\", \"my payment link is https://…\", \"penalty rate 10 %\", \"my business name is Nova Studio\"."));
        await ctx.Db.WriteAsync(s => s.Settings.SaveAsync(next with { OwnerId = ctx.Owner.Id }, TurnContext.Actor, ctx.Now), ctx.Ct).ConfigureAwait(false);
        _ = text;
        // Like every write, a setting can be undone: the button puts back the settings as they were.
        var undo = new ChoiceSet().Add(ctx.T("Annuler ce réglage", "Undo this setting"), UndoSettingsAction, JsonSerializer.Serialize(current));
        return Outcome.Ask(ctx.T("✅ Réglages enregistrés : ", "✅ Settings saved: ") + string.Join(", ", said) + ".", DialogState.Buttons(undo.ToList()));
    }

    public const string UndoSettingsAction = "undo_settings";

    /// <summary>The undo button of a settings change: the previous settings, saved again (a new event in the journal).</summary>
    public static async Task<Outcome> UndoSettingsAsync(TurnContext ctx, string? previousJson)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        OwnerSettings? previous;
        try
        {
            previous = previousJson is null ? null : JsonSerializer.Deserialize<OwnerSettings>(previousJson);
        }
        catch (JsonException)
        {
            previous = null;
        }

        if (previous is null)
            return Outcome.Say(ctx.T("Ce bouton n'est plus valable.", "That button is no longer valid."));
        await ctx.Db.WriteAsync(s => s.Settings.SaveAsync(previous with { OwnerId = ctx.Owner.Id }, TurnContext.Actor, ctx.Now), ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(ctx.T("↩️ Réglages remis comme avant.", "↩️ Settings put back as they were."));
    }

    /// <summary>ISO 13616: move the first four characters to the end, letters to numbers, mod 97 must be 1.</summary>
    public static bool ValidIban(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        var s = new string([.. iban.Where(char.IsLetterOrDigit)]).ToUpperInvariant();
        if (s.Length is < 15 or > 34 || !char.IsLetter(s[0]) || !char.IsLetter(s[1]))
            return false;
        var rearranged = s[4..] + s[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value > 9 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder == 1;
    }

    public static string FormatIban(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        var s = new string([.. iban.Where(char.IsLetterOrDigit)]).ToUpperInvariant();
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
                sb.Append(' ');
            sb.Append(s[i]);
        }

        return sb.ToString();
    }
}
