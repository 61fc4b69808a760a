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
}

public sealed record Accountant(string UserName, string DisplayName, string PasswordHash, string[] Roles);

/// <summary>X-Api-Key for scripted imports (Reconciliation:ApiKeys); only hashes are compared, in constant time.</summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var presented) || string.IsNullOrEmpty(presented.ToString()))
            return Task.FromResult(AuthenticateResult.NoResult());
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented.ToString()));
        foreach (var key in configuration.GetSection("Reconciliation:ApiKeys").Get<List<ApiKeyOptions>>() ?? [])
        {
            if (key.Key.Length < 16) continue;
            if (CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key.Key))))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "clé " + key.Name), new Claim(ClaimTypes.Role, Roles.Importer)], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }
        return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
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

    public async Task EnsureAsync(AccountantOptions o, CancellationToken ct)
    {
        if (o.UserName.Length == 0 || o.Password.Length < 12) throw new InvalidOperationException("Reconciliation:Users: a user name and a password of at least 12 characters are required");
        var user = new Accountant(o.UserName, o.DisplayName.Length > 0 ? o.DisplayName : o.UserName, "", []);
        await using var cmd = db.CreateCommand("""
            insert into accountants (user_name, display_name, password_hash, roles) values ($1, $2, $3, $4)
            on conflict (user_name) do update set display_name = excluded.display_name, password_hash = excluded.password_hash, roles = excluded.roles
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.UserName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.DisplayName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = _hasher.HashPassword(user, o.Password) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = o.Roles });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static ClaimsPrincipal Principal(Accountant a) => new(new ClaimsIdentity(
        a.Roles.Select(r => new Claim(ClaimTypes.Role, r)).Prepend(new Claim("display", a.DisplayName)).Prepend(new Claim(ClaimTypes.Name, a.UserName)),
        CookieAuthenticationDefaults.AuthenticationScheme));
}

/// <summary>Creates the configured accountants after the schema exists (DevHost passes the demo accountant and approver).</summary>
public sealed class AccountantSeeder(AccountantStore store, IConfiguration config) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var user in config.GetSection("Reconciliation:Users").Get<List<AccountantOptions>>() ?? [])
            await store.EnsureAsync(user, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
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
