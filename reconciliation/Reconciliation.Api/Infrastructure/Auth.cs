using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Reconciliation.Api.Infrastructure;

public static class Roles
{
    public const string Accountant = "Accountant";
    public const string Approver = "Approver";
    /// <summary>A scripted import (X-Api-Key): may import and read the status, nothing else.</summary>
    public const string Importer = "Importer";
}

public static class Policies
{
    public const string Accountant = "accountant";
    public const string Approver = "approver";
    public const string Import = "import";
}

public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
}

/// <summary>An accountant's account, as configured at start-up (Reconciliation:Users:N) and stored hashed.</summary>
public sealed class AccountantOptions
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Password { get; set; } = "";
    public string Roles { get; set; } = "";
    /// <summary>Applies the configured password again at start-up (an administrator's reset); otherwise it is only the first.</summary>
    public bool ResetPassword { get; set; }
}

public sealed record Accountant(string UserName, string DisplayName, string PasswordHash, string[] Roles);

/// <summary>X-Api-Key for scripted imports (Reconciliation:ApiKeys); only hashes are compared, in constant time.</summary>
/// <remarks>Every use, accepted or refused, is a security event in the audit log (the key's name, never the key).</remarks>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, IConfiguration configuration, AuditLog audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var presented) || string.IsNullOrEmpty(presented.ToString()))
            return AuthenticateResult.NoResult();
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented.ToString()));
        var route = $"{Request.Method} {Request.Path}";
        foreach (var key in configuration.GetSection("Reconciliation:ApiKeys").Get<List<ApiKeyOptions>>() ?? [])
        {
            if (key.Key.Length < 16) continue;
            if (CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key.Key))))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "clé " + key.Name), new Claim(ClaimTypes.Role, Roles.Importer)], SchemeName);
                await audit.WriteAsync("clé " + key.Name, AuditActions.ApiKeyUsed, route, Context.RequestAborted);
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
            }
        }
        await audit.WriteAsync("?", AuditActions.ApiKeyRefused, route, Context.RequestAborted);
        return AuthenticateResult.Fail("unknown API key");
    }
}

/// <summary>Accountants in the reconciliation database; passwords hashed with ASP.NET Core Identity's PasswordHasher.</summary>
public sealed class AccountantStore(NpgsqlDataSource db)
{
    private readonly PasswordHasher<Accountant> _hasher = new();

    public async Task<Accountant?> FindAsync(string userName, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select user_name, display_name, password_hash, roles from accountants where user_name = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = userName });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new Accountant(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            : null;
    }

    /// <summary>The account when the password is right; a missing user costs a hash too, so timing does not tell names.</summary>
    public async Task<Accountant?> CheckAsync(string userName, string password, CancellationToken ct)
    {
        var user = await FindAsync(userName, ct);
        var probe = user ?? new Accountant("", "", _hasher.HashPassword(null!, "not-a-password"), []);
        var ok = _hasher.VerifyHashedPassword(probe, probe.PasswordHash, password) != PasswordVerificationResult.Failed;
        return ok && user is not null ? user : null;
    }

    /// <summary>
    /// Creates a configured account, or updates its name and roles. The configured password is only the first one (or
    /// applied again with ResetPassword): a password the accountant changed survives restarts. Returns the roles before.
    /// </summary>
    public async Task<string?> EnsureAsync(AccountantOptions o, CancellationToken ct)
    {
        var before = await FindAsync(o.UserName, ct);
        var user = new Accountant(o.UserName, o.DisplayName.Length > 0 ? o.DisplayName : o.UserName, "", []);
        await using var cmd = db.CreateCommand("""
            insert into accountants (user_name, display_name, password_hash, roles) values ($1, $2, $3, $4)
            on conflict (user_name) do update set display_name = excluded.display_name, roles = excluded.roles,
                password_hash = case when $5 then excluded.password_hash else accountants.password_hash end
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.UserName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.DisplayName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = _hasher.HashPassword(user, o.Password) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = o.Roles });
        cmd.Parameters.Add(new NpgsqlParameter { Value = o.ResetPassword });
        await cmd.ExecuteNonQueryAsync(ct);
        return before is null ? null : string.Join(' ', before.Roles);
    }

    /// <summary>Stores a new password (the caller checked the policy and the current password).</summary>
    public async Task SetPasswordAsync(string userName, string password, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("update accountants set password_hash = $2 where user_name = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = userName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = _hasher.HashPassword(new Accountant(userName, "", "", []), password) });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static ClaimsPrincipal Principal(Accountant a) => new(new ClaimsIdentity(
        a.Roles.Select(r => new Claim(ClaimTypes.Role, r)).Prepend(new Claim("display", a.DisplayName)).Prepend(new Claim(ClaimTypes.Name, a.UserName)),
        CookieAuthenticationDefaults.AuthenticationScheme));
}

/// <summary>
/// Creates the configured accountants after the schema exists (DevHost passes the demo accountant and approver). Every
/// configured password is checked against the policy first: one that fails stops the host before anything is written.
/// A role change is a security event in the audit log.
/// </summary>
public sealed class AccountantSeeder(AccountantStore store, AuditLog audit, IConfiguration config) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var users = config.GetSection("Reconciliation:Users").Get<List<AccountantOptions>>() ?? [];
        for (var i = 0; i < users.Count; i++)
        {
            if (users[i].UserName.Trim().Length == 0) throw new InvalidOperationException($"Reconciliation:Users:{i}: a user name is required");
            if (Accounts.PasswordPolicy.Refusal(users[i].Password) is { } refusal)
                throw new InvalidOperationException($"Reconciliation:Users:{i} ({users[i].UserName}): the configured password is refused: {refusal}. Configure another password; the host does not start with this one.");
        }
        foreach (var user in users)
        {
            var rolesBefore = await store.EnsureAsync(user, cancellationToken);
            var roles = string.Join(' ', user.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (rolesBefore is null)
                await audit.WriteAsync("configuration", AuditActions.AccountCreated, $"{user.UserName} : rôles {roles}", cancellationToken);
            else if (rolesBefore != roles)
                await audit.WriteAsync("configuration", AuditActions.RolesChanged, $"{user.UserName} : rôles {rolesBefore} → {roles}", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The security events' names in the audit log (French: accountants read them; stable: the export is parsed).</summary>
public static class AuditActions
{
    public const string LoginOk = "connexion";
    public const string LoginFailed = "échec de connexion";
    public const string Locked = "verrouillage";
    public const string Logout = "déconnexion";
    public const string PasswordChanged = "mot de passe changé";
    public const string TotpEnabled = "double authentification activée";
    public const string TotpDisabled = "double authentification désactivée";
    public const string AccountCreated = "compte créé";
    public const string RolesChanged = "changement de rôles";
    public const string ApiKeyUsed = "clé d'API utilisée";
    public const string ApiKeyRefused = "clé d'API refusée";
    public const string AuditExported = "export du journal d'audit";
    public const string RentRunStarted = "tirage des avis lancé";
}

/// <summary>The append-only record of who did what (a trigger refuses UPDATE and DELETE; the service role has neither).</summary>
public sealed class AuditLog(NpgsqlDataSource db, TimeProvider time)
{
    public async Task WriteAsync(string who, string action, string detail, CancellationToken ct, NpgsqlConnection? conn = null, NpgsqlTransaction? tx = null)
    {
        const string sql = "insert into audit_log (at, who, action, detail) values ($1, $2, $3, $4)";
        await using var cmd = conn is null ? db.CreateCommand(sql) : new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = who });
        cmd.Parameters.Add(new NpgsqlParameter { Value = action });
        cmd.Parameters.Add(new NpgsqlParameter { Value = detail.Length > 500 ? detail[..500] : detail });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
