using Dapper;

namespace Recouvrement.Data;

public sealed class SettingsRepository(Session s)
{
    public async Task<OwnerSettings> GetAsync(long ownerId) => (await GetManyAsync([ownerId]).ConfigureAwait(false))[ownerId];

    /// <summary>Many owners' settings at once: one for each id asked, the defaults for an owner who set nothing.</summary>
    public async Task<Dictionary<long, OwnerSettings>> GetManyAsync(IReadOnlyCollection<long> ownerIds)
    {
        var rows = (await s.Connection.QueryAsync<OwnerSettings>(s.Command(
            $"SELECT owner_id, business_name, iban, payment_link, contract_rate_bp, auto_send_steps, digest_hour, digest_days, reminders_paused_until, silent_until, address, siren, legal_form, copy_email, copy_hidden FROM owner_settings WHERE owner_id {s.InIds("@Ids")}",
            new { Ids = s.Ids(ownerIds) })).ConfigureAwait(false)).ToDictionary(x => x.OwnerId);
        foreach (var id in ownerIds)
            rows.TryAdd(id, new OwnerSettings { OwnerId = id });
        return rows;
    }

    public async Task SaveAsync(OwnerSettings settings, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await s.Connection.ExecuteAsync(s.Command(
            """
            INSERT INTO owner_settings (owner_id, business_name, iban, payment_link, contract_rate_bp, auto_send_steps,
                                        digest_hour, digest_days, reminders_paused_until, silent_until, address, siren, legal_form,
                                        copy_email, copy_hidden, updated_at)
            VALUES (@OwnerId, @BusinessName, @Iban, @PaymentLink, @ContractRateBp, @AutoSendSteps,
                    @DigestHour, @DigestDays, @RemindersPausedUntil, @SilentUntil, @Address, @Siren, @LegalForm,
                    @CopyEmail, @CopyHidden, @Now)
            ON CONFLICT (owner_id) DO UPDATE SET business_name = excluded.business_name, iban = excluded.iban,
                payment_link = excluded.payment_link, contract_rate_bp = excluded.contract_rate_bp,
                auto_send_steps = excluded.auto_send_steps, digest_hour = excluded.digest_hour, digest_days = excluded.digest_days,
                reminders_paused_until = excluded.reminders_paused_until, silent_until = excluded.silent_until,
                address = excluded.address, siren = excluded.siren, legal_form = excluded.legal_form,
                copy_email = excluded.copy_email, copy_hidden = excluded.copy_hidden,
                updated_at = excluded.updated_at
            """,
            new
            {
                settings.OwnerId,
                settings.BusinessName,
                settings.Iban,
                settings.PaymentLink,
                settings.ContractRateBp,
                settings.AutoSendSteps,
                settings.DigestHour,
                settings.DigestDays,
                settings.RemindersPausedUntil,
                settings.SilentUntil,
                settings.Address,
                settings.Siren,
                settings.LegalForm,
                settings.CopyEmail,
                settings.CopyHidden,
                Now = SqlTime.Utc(now),
            })).ConfigureAwait(false);
        await s.Events.AppendAsync(settings.OwnerId, actor, "settings_updated", "owner", settings.OwnerId, settings, now).ConfigureAwait(false);
    }
}
