using Recouvrement.Data;

namespace Recouvrement.Skills.Reputation;

public enum Light
{
    Green,
    Amber,
    Red,
}

/// <summary>One reason for the verdict, with where it comes from and when.</summary>
public sealed record Reason(Light Weight, string Fr, string En, string Source, DateOnly? Date);

public sealed record Assessment(Light Light, IReadOnlyList<Reason> Reasons, char? Grade);

/// <summary>
/// Green / amber / red from the facts gathered: a ceased company, an open receivership or liquidation, a radiation
/// or a bad own record turn it red; a young company, a safeguard, a DGCCRF fine, a middling record or the owner's
/// notes make it amber. A source that could not be reached never turns it red by itself.
/// </summary>
public static class Verdicts
{
    /// <summary>A to D by average days late: A up to 5, B up to 15, C up to 30, D beyond.</summary>
    public static char? Grade(PaymentRecord? record)
    {
        if (record is null || record.DaysLate.Count == 0)
            return null;
        var average = record.DaysLate.Average();
        return average <= 5 ? 'A' : average <= 15 ? 'B' : average <= 30 ? 'C' : 'D';
    }

    public static Assessment Assess(Company? company, BodaccStatus? bodacc, IReadOnlyList<Sanction> sanctions, PaymentRecord? record, int notes, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(sanctions);
        var reasons = new List<Reason>();
        const string Search = "API Recherche d'entreprises";
        if (company is not null)
        {
            if (company.Ceased)
                reasons.Add(new(Light.Red, "Entreprise cessée (état administratif C)", "Company ceased (administrative state C)", Search, company.Closed));
            else if (company.Created is { } created && today.DayNumber - created.DayNumber < 730)
                reasons.Add(new(Light.Amber, $"Entreprise jeune : créée le {created:dd/MM/yyyy}", $"Young company: created on {created:yyyy-MM-dd}", Search, created));
            else if (company.Created is { } since)
                reasons.Add(new(Light.Green, $"Active depuis {since.Year}", $"Active since {since.Year}", Search, since));
            if (company.NonDiffusible)
                reasons.Add(new(Light.Amber, "Informations non diffusibles : vérification limitée", "Non-diffusible record: limited check", Search, null));
        }

        if (bodacc is not null)
        {
            const string Bodacc = "BODACC";
            switch (bodacc.Kind)
            {
                case ProceedingKind.Liquidation when bodacc.Open:
                    reasons.Add(new(Light.Red, $"Liquidation judiciaire ({bodacc.Court})", $"Judicial liquidation ({bodacc.Court})", Bodacc, bodacc.Date));
                    break;
                case ProceedingKind.Receivership when bodacc.Open:
                    reasons.Add(new(Light.Red, $"Redressement judiciaire en cours ({bodacc.Court})", $"Receivership under way ({bodacc.Court})", Bodacc, bodacc.Date));
                    break;
                case ProceedingKind.Safeguard when bodacc.Open:
                    reasons.Add(new(Light.Amber, $"Procédure de sauvegarde en cours ({bodacc.Court})", $"Safeguard proceeding under way ({bodacc.Court})", Bodacc, bodacc.Date));
                    break;
                case not ProceedingKind.None:
                    reasons.Add(new(Light.Amber, "Procédure collective passée, clôturée", "Past collective proceeding, closed", Bodacc, bodacc.Date));
                    break;
                default:
                    reasons.Add(new(Light.Green, "Aucune procédure collective publiée", "No collective proceeding published", Bodacc, null));
                    break;
            }

            if (bodacc.Radiated)
                reasons.Add(new(Light.Red, "Radiée du RCS", "Struck off the trade register", Bodacc, bodacc.RadiatedOn));
        }

        foreach (var s in sanctions)
            reasons.Add(new(Light.Amber, $"Sanctionnée par la DGCCRF pour retards de paiement ({s.Label})", $"Fined by the DGCCRF for late payments ({s.Label})", "DGCCRF", s.DecidedOn));

        var grade = Grade(record);
        if (record is { Invoices: > 0 })
        {
            var avg = record.DaysLate.Count > 0 ? (int)Math.Round(record.DaysLate.Average()) : 0;
            var worst = record.DaysLate.Count > 0 ? record.DaysLate.Max() : 0;
            var weight = grade switch { 'D' => Light.Red, 'C' => Light.Amber, _ => Light.Green };
            if (grade is not null)
                reasons.Add(new(weight, $"Chez vous : note {grade}, {avg} j de retard en moyenne, {worst} j au pire", $"With you: grade {grade}, {avg} days late on average, {worst} at worst", "vos factures", null));
            if (record.Disputed > 0)
                reasons.Add(new(Light.Amber, $"{record.Disputed} facture(s) contestée(s) chez vous", $"{record.Disputed} disputed invoice(s) with you", "vos factures", null));
            if (record.BrokenPlans > 0)
                reasons.Add(new(Light.Red, $"{record.BrokenPlans} plan(s) de paiement non respecté(s) chez vous", $"{record.BrokenPlans} broken payment plan(s) with you", "vos plans", null));
        }

        if (notes > 0)
            reasons.Add(new(Light.Amber, "Vous avez noté des réserves (voir vos notes)", "You noted concerns (see your notes)", "vos notes", null));

        var light = reasons.Any(r => r.Weight == Light.Red) ? Light.Red : reasons.Any(r => r.Weight == Light.Amber) ? Light.Amber : Light.Green;
        return new Assessment(light, reasons, grade);
    }
}
