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
            • « relance Dupont SARL », « brouillons » — relances à valider, envoyées par email
            • « pénalités de retard pour Dupont SARL » — intérêts et indemnités de 40 €
            • « Dupont SARL propose de payer en 3 fois » — échéancier dans vos limites
            • « est-ce que Transports Girard est fiable ? » — registres publics et votre historique
            • « digest à 8h », « pause les relances jusqu'au 15/12 » — votre point du matin
            • « annule » — abandonner la saisie en cours
            """,
            """
            Here is what I can do:
            • "invoice Acme Ltd €1,200 net 30" — log an invoice
            • "Acme Ltd paid €500" — record a payment (part or full)
            • "who owes me?" — what you are owed, overdue first
            • "status of Acme Ltd" — one client's account
            • "what's due this week?" — what falls due in the next 7 days
            • "remind Acme Ltd", "drafts" — reminders to approve, sent by email
            • "late fees for Acme Ltd" — interest and €40 indemnities
            • "set up a payment plan for Acme Ltd, 500 a month" — a plan within your limits
            • "is Acme reliable?" — public registers and your own record
            • "digest at 8", "pause reminders until Dec 15" — your morning digest
            • "cancel" — drop what is in progress
            """));
    }
}
