using Recouvrement.Data;

namespace Recouvrement.Skills.Common;

/// <summary>How the two parties are named on paper (letters, statements): one place, plain text, one line each.</summary>
public static class Parties
{
    /// <summary>The owner: name and legal form, SIREN, address — each line only when known.</summary>
    public static IReadOnlyList<string> Sender(OwnerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var lines = new List<string>();
        var name = settings.BusinessName ?? string.Empty;
        if (settings.LegalForm is { Length: > 0 } form && !name.Contains(form, StringComparison.OrdinalIgnoreCase))
            name = (name + " " + form).Trim();
        if (name.Length > 0)
            lines.Add(name);
        if (settings.Siren is { Length: 9 } siren)
            lines.Add(Siren(siren));
        if (settings.Address is { Length: > 0 } address)
            lines.Add(address);
        return lines;
    }

    /// <summary>The debtor: name, address, SIREN — each line only when known.</summary>
    public static IReadOnlyList<string> Debtor(Client client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var lines = new List<string> { client.Name };
        if (client.Address is { Length: > 0 } address)
            lines.Add(address);
        if (client.Siren is { Length: 9 } siren)
            lines.Add(Siren(siren));
        return lines;
    }

    private static string Siren(string siren) => $"SIREN {siren[..3]} {siren[3..6]} {siren[6..]}";
}
