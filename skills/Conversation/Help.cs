using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Conversation;

internal static class Help
{
    public static Outcome Show(TurnContext ctx, bool greeting)
    {
        var hello = greeting ? ctx.T("Bonjour ! 👋 Je vous aide à vous faire payer.\n", "Hello! 👋 I help you get paid.\n") : string.Empty;
        return Outcome.Say(hello + ctx.T(
            """
            Voici ce que je sais faire :
            • « facture Dupont SARL 1 200 € à 30 jours » — enregistrer une facture
            • « Dupont SARL a payé 500 € » — enregistrer un paiement (partiel ou total)
            • « qui me doit ? » — vos impayés, les retards d'abord
            • « où en est Dupont SARL ? » — la situation d'un client
            • « échéances à venir » — ce qui tombe dans les 7 jours
            • « annule » — abandonner la saisie en cours
            Bientôt : relances, pénalités de retard, vérification des prospects, échéanciers.
            """,
            """
            Here is what I can do:
            • "invoice Acme Ltd €1,200 net 30" — log an invoice
            • "Acme Ltd paid €500" — record a payment (part or full)
            • "who owes me?" — what you are owed, overdue first
            • "status of Acme Ltd" — one client's account
            • "what's due this week?" — what falls due in the next 7 days
            • "cancel" — drop what is in progress
            Coming soon: reminders, late fees, prospect checks, payment plans.
            """));
    }

    public static Outcome NotYet(TurnContext ctx, string intent)
    {
        var (fr, en) = intent switch
        {
            Intents.CheckReputation => ("La vérification de la fiabilité d'un prospect", "Checking a prospect's reliability"),
            Intents.DraftReminder => ("La rédaction des relances", "Drafting reminders"),
            Intents.ListDrafts => ("La liste des relances à valider", "The list of reminders to approve"),
            Intents.LateFees => ("Le calcul des pénalités de retard", "Computing late fees"),
            Intents.Dispute => ("Le suivi des litiges", "Tracking disputes"),
            Intents.PromiseToPay => ("Le suivi des promesses de paiement", "Tracking promises to pay"),
            Intents.SetClient => ("La mise à jour des fiches clients (email, SIREN, type)", "Updating client details (email, SIREN, kind)"),
            _ => ("La surveillance des prospects", "Watching prospects"),
        };
        return Outcome.Say(ctx.T(
            $"⏳ {fr} n'est pas encore disponible. Je sais déjà enregistrer factures et paiements, vous dire qui vous doit et ce qui arrive à échéance : tapez « aide ».",
            $"⏳ {en} is not available yet. I can already log invoices and payments, tell you who owes you and what falls due: type \"help\"."));
    }
}
