using Recouvrement.Data;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Reminders;

/// <summary>
/// A client under a collective proceeding: reminders stop, and the claim must be declared to the mandataire judiciaire
/// within two months of the BODACC publication (C. com. L622-24 and R622-24).
/// </summary>
public static class Proceedings
{
    public static DateOnly DeclarationDeadline(DateOnly published) => published.AddMonths(2);

    public static string KindText(TurnContext ctx, string? kind) => kind switch
    {
        "safeguard" => ctx.T("procédure de sauvegarde", "safeguard proceedings"),
        "receivership" => ctx.T("redressement judiciaire", "receivership"),
        "liquidation" => ctx.T("liquidation judiciaire", "liquidation"),
        _ => ctx.T("procédure collective", "collective proceedings"),
    };

    public static string Advice(TurnContext ctx, Client client)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(client);
        var published = client.ProceedingsOn ?? ctx.Today;
        var deadline = DeclarationDeadline(published);
        return ctx.T(
            $"⚖️ {Markup.Bold(client.Name)} est en {KindText(ctx, client.ProceedingsKind)} (BODACC du {ctx.Date(published)}) : les relances sont arrêtées, la loi interdit d'en poursuivre le recouvrement. Déclarez votre créance au mandataire judiciaire **avant le {ctx.Date(deadline)}** (deux mois après la publication, articles L622-24 et R622-24 du Code de commerce).",
            $"⚖️ {Markup.Bold(client.Name)} is under {KindText(ctx, client.ProceedingsKind)} (BODACC of {ctx.Date(published)}): reminders are stopped, the law forbids chasing the debt. Declare your claim to the court-appointed administrator **before {ctx.Date(deadline)}** (two months after publication, articles L622-24 and R622-24 of the French Commercial Code).");
    }
}
