namespace Recouvrement.Skills.Understanding;

/// <summary>The recognizer's intents; the contract is docs/contracts.md.</summary>
public static class Intents
{
    public const string LogInvoice = "log_invoice";
    public const string RecordPayment = "record_payment";
    public const string WhoOwesMe = "who_owes_me";
    public const string ClientStatus = "client_status";
    public const string DueSoon = "due_soon";
    public const string CheckReputation = "check_reputation";
    public const string DraftReminder = "draft_reminder";
    public const string ListDrafts = "list_drafts";
    public const string LateFees = "late_fees";
    public const string ProposePlan = "propose_plan";
    public const string Dispute = "dispute";
    public const string Help = "help";
    public const string Greeting = "greeting";
    public const string Unknown = "unknown";

    // Additions.
    public const string Cancel = "cancel";
    public const string PromiseToPay = "promise_to_pay";
    public const string SetClient = "set_client";
    public const string Watch = "watch";
    public const string SetSettings = "set_settings";
    public const string ReminderHistory = "reminder_history";
    public const string ResolveDispute = "resolve_dispute";
    public const string AddNote = "add_note";
    public const string PlanStatus = "plan_status";
    public const string CancelPlan = "cancel_plan";
    public const string KeepPlan = "keep_plan";
    public const string SetPlanPolicy = "set_plan_policy";
    public const string PauseReminders = "pause_reminders";
    public const string Resume = "resume";
    public const string SetDigest = "set_digest";
    public const string Silence = "silence";
    public const string SetTimeZone = "set_timezone";

    // Corrections and reports.
    public const string Undo = "undo";
    public const string Correct = "correct";
    public const string DeleteInvoice = "delete_invoice";
    public const string CreditNote = "credit_note";
    public const string IncomeReport = "income_report";
    public const string ListPaid = "list_paid";
    public const string Export = "export";
    public const string MergeClients = "merge_clients";
    public const string Statement = "statement";

    /// <summary>« prépare le dossier d'injonction de payer pour X », « que faire maintenant pour X ? »: the court route and its file.</summary>
    public const string Escalate = "escalate";
}
