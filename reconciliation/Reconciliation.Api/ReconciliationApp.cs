using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Reconciliation.Api.Accounts;
using Reconciliation.Api.Imports;
using Reconciliation.Api.Infrastructure;
using Observability;
using Reconciliation.Api.Observability;
using Reconciliation.Api.Pages;
using Reconciliation.Api.Posting;
using Reconciliation.Api.Review;

namespace Reconciliation.Api;

/// <summary>
/// Composition of the reconciliation host (internal, for accountants): its own database, the ledger over HTTP only,
/// cookie logins for people and X-Api-Key for scripted imports. Each use case lives in its own file with its MapXxx.
/// </summary>
public static class ReconciliationApp
{
    public const string SmartScheme = "cookie-or-key";

    /// <param name="configure">Lets tests replace a service (the clock) before the host is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ReconciliationApp).Assembly.GetName().Name,
        });
        var config = builder.Configuration;
        var connection = config.GetConnectionString("Reconciliation")
            ?? throw new InvalidOperationException("ConnectionStrings:Reconciliation is required (see reconciliation/README.md)");
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 2 * UploadParser.MaxFileBytes);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = 2 * UploadParser.MaxFileBytes);

        builder.Services.AddSingleton(NpgsqlDataSource.Create(connection));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLedgerApi(config.GetSection("Ledger").Get<LedgerOptions>() ?? new LedgerOptions());
        builder.Services.AddSingleton(new ReviewOptions
        {
            ApprovalThresholdCents = Primitives.Money.TryParseCents(config["Reconciliation:ApprovalThreshold"] ?? "1000.00", out var t) ? t
                : throw new InvalidOperationException("Reconciliation:ApprovalThreshold must be an amount like 1000.00"),
        });
        builder.Services.AddSingleton<PostingQueue>();
        builder.Services.AddSingleton<ImportService>();
        builder.Services.AddSingleton<AccountantStore>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<TotpStore>();
        builder.Services.AddLoginRateLimit(config);
        builder.Services.AddSingleton<ReviewService>();
        builder.Services.AddHostedService<SchemaMigrator>();
        builder.Services.AddHostedService<AccountantSeeder>();
        builder.Services.AddHostedService<PostingWorker>();
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpContextAccessor();
        // French pages: accented letters as they are, not as numeric references (everything is still encoded).
        builder.Services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie = new AlwaysSecureCookieBuilder();
            AccountSecurity.Harden(o.Cookie, AccountSecurity.AntiforgeryCookie);
        });
        builder.Services.AddProblemDetails();
        builder.AddObservability<ReconciliationMetrics>("reconciliation", ReconciliationMetrics.Name, ReconciliationMetrics.MetricsUrlSetting);

        builder.Services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(ApiKeyHandler.Header) ? ApiKeyHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/refuse";
                AccountSecurity.Harden(o.Cookie, AccountSecurity.SessionCookie);
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.ExpireTimeSpan = TimeSpan.FromHours(9);
                o.SlidingExpiration = false;
                // An API caller gets a status, not an HTML redirect.
                o.Events.OnRedirectToLogin = c => Status(c, 401);
                o.Events.OnRedirectToAccessDenied = c => Status(c, 403);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Accountant, p => p.RequireAuthenticatedUser().RequireRole(Roles.Accountant, Roles.Approver))
            .AddPolicy(Policies.Approver, p => p.RequireAuthenticatedUser().RequireRole(Roles.Approver))
            .AddPolicy(Policies.Import, p => p.RequireAuthenticatedUser().RequireRole(Roles.Importer, Roles.Accountant, Roles.Approver));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var h = http.Response.Headers;
                h.ContentSecurityPolicy = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "no-referrer";
                h.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next();
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapGet("/health/live", () => TypedResults.Ok("ok")).AllowAnonymous();
        app.MapImportApi();
        app.MapLogin();
        app.MapAccount();
        app.MapAuditExport();
        app.MapPages();
        return app;
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> c, int status)
    {
        if (c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            c.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        c.Response.Redirect(c.RedirectUri);
        return Task.CompletedTask;
    }
}
