using System.Security.Cryptography;
using Npgsql;
using OtpNet;

namespace Reconciliation.Api.Accounts;

/// <summary>An accountant's second factor as stored: the enabled secret, a secret being enrolled, the last step used.</summary>
public sealed record TotpState(bool Enabled, string? Secret, string? Pending, long? LastStep);

/// <summary>
/// Optional TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s, one step either side for clock drift), with the time from
/// the injected <see cref="TimeProvider"/>. A code is accepted once: the step it matched must be later than the last one
/// used (ASVS V2.8.4), recorded by a conditional UPDATE so that two requests racing with one code cannot both pass.
/// </summary>
public sealed class TotpStore(NpgsqlDataSource db, TimeProvider time)
{
    public const string Issuer = "Rapprochement";
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    public async Task<TotpState> StateAsync(string userName, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select totp_enabled, totp_secret, totp_pending, totp_last_step from accountants where user_name = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = userName });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new TotpState(r.GetBoolean(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetInt64(3))
            : new TotpState(false, null, null, null);
    }

    /// <summary>Starts an enrolment: a new 160-bit secret kept as pending until a code from it is verified.</summary>
    public async Task<string> StartAsync(string userName, CancellationToken ct)
    {
        var secret = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));
        await ExecAsync("update accountants set totp_pending = $2 where user_name = $1", ct, userName, secret);
        return secret;
    }

    /// <summary>Enables the pending secret when the code comes from it; the code's step counts as used.</summary>
    public async Task<bool> ConfirmAsync(string userName, string code, CancellationToken ct)
    {
        var state = await StateAsync(userName, ct);
        if (state.Pending is null || Match(state.Pending, code) is not { } step) return false;
        return await ExecAsync("""
            update accountants set totp_secret = totp_pending, totp_pending = null, totp_enabled = true, totp_last_step = $3
            where user_name = $1 and totp_pending = $2
            """, ct, userName, state.Pending, step) == 1;
    }

    /// <summary>Checks a login (or disabling) code against the enabled secret; a code already used is refused.</summary>
    public async Task<bool> VerifyAsync(string userName, string code, CancellationToken ct)
    {
        var state = await StateAsync(userName, ct);
        if (!state.Enabled || state.Secret is null || Match(state.Secret, code) is not { } step) return false;
        return await ExecAsync("""
            update accountants set totp_last_step = $2
            where user_name = $1 and totp_enabled and (totp_last_step is null or totp_last_step < $2)
            """, ct, userName, step) == 1;
    }

    public Task DisableAsync(string userName, CancellationToken ct) =>
        ExecAsync("update accountants set totp_enabled = false, totp_secret = null, totp_pending = null where user_name = $1", ct, userName);

    /// <summary>The URI authenticator apps read (typed in, or from a QR code made by the accountant's own tool).</summary>
    public static string OtpAuthUri(string userName, string secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    private long? Match(string secret, string code)
    {
        code = code.Replace(" ", "", StringComparison.Ordinal);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return null;
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, Drift) ? step : null;
    }

    private async Task<int> ExecAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
