using Ledger.Api.Demo;
using Ledger.Api.Features.Accounts;
using Ledger.Api.Features.Bank;
using Ledger.Api.Features.DirectDebit;
using Ledger.Api.Features.Exports;
using Ledger.Api.Features.Integrity;
using Ledger.Api.Features.Landlords;
using Ledger.Api.Features.Notices;
using Ledger.Api.Features.Payments;
using Ledger.Api.Features.Receipts;
using Ledger.Api.Features.Reporting;
using Ledger.Api.Infrastructure;
using Ledger.Api.Infrastructure.Integrity;
using Ledger.Api.Observability;
using Observability;
using Ledger.Domain.Journal;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Ledger.Api;

/// <summary>
/// Composition of the ledger service (internal HTTP API). Only wiring here: each use case lives in Features/ with its
/// request, handler and MapXxx; Marten's setup in Infrastructure/LedgerStore.
/// </summary>
public static class LedgerApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(LedgerApp).Assembly.GetName().Name,
        });
        var config = builder.Configuration;
        // Which database holds which landlord: ConnectionStrings:Ledger alone, or Ledger:Databases besides (README, "Sizing").
        var placement = LedgerPlacement.FromConfiguration(config);

        // Request logs carry query strings (tenant references) and Marten's carry schema SQL: warnings only by default.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Marten", LogLevel.Warning);
        var autoCreate = config.GetValue("Ledger:AutoCreateSchema", true);
        Input.MaxAmountCents = Primitives.Money.TryParseCents(config["Ledger:MaxAmount"], out var max) && max > 0 ? max : Input.DefaultMaxAmountCents;
        // The owner role migrates before anything else starts (hosted services start in registration order); the service
        // role then never creates or alters anything.
        builder.Services.AddHostedService(sp => new LedgerMigration(placement, autoCreate, sp.GetRequiredService<ILogger<LedgerMigration>>()));
        builder.Services.AddMarten(sp =>
            {
                var opts = new StoreOptions();
                LedgerStore.Configure(opts, placement, autoCreate && !placement.HasSeparateOwner);
                opts.Logger(new SafeMartenLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Marten")));
                return opts;
            })
            .UseLightweightSessions();
        builder.Services.AddSingleton<IClock>(NodaTime.SystemClock.Instance);
        builder.Services.AddSingleton(config.GetSection("Ledger:Chart").Get<ChartOfAccounts>() ?? new ChartOfAccounts());
        builder.Services.AddSingleton<LedgerWriter>();
        builder.Services.AddSingleton<BulkLedgerWriter>();
        builder.Services.AddSingleton<BankWriter>();
        // Notices as documents: the direct-debit mention comes from the mandate store (the same as the account views').
        builder.Services.AddSingleton<Ledger.Api.Documents.Notices.IDirectDebitMandates, Ledger.Api.Features.DirectDebit.NoticeMandates>();
        builder.Services.AddSingleton<Ledger.Api.Documents.Notices.NoticePdfBatchWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Ledger.Api.Documents.Notices.NoticePdfBatchWorker>());
        builder.Services.AddSingleton(new CheckpointKeys(config));
        builder.Services.AddHostedService<CheckpointService>();
        builder.Services.AddScoped<RequestContext>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
            // Enums by name only: "channel": 1 is not a channel.
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false));
        });
        builder.Services.AddProblemDetails();
        // Binding failures (malformed JSON, a mistyped value, limit=abc) become BadHttpRequestException for the handler, which
        // names the field; otherwise the framework answers a bare 400 itself.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<LedgerExceptionHandler>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.Services.AddOpenApi();
        builder.AddObservability<LedgerMetrics>("ledger", LedgerMetrics.Name);
        builder.Services.AddAuthentication(ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddScopePolicies();
        if (config.GetValue("Demo:Seed", false))
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        var app = builder.Build();
        // Headers first and through OnStarting, so that error answers (500 included, written after the exception handler
        // cleared the response) carry them too.
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next();
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseLandlordScope();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().RequireAuthorization();
        // Internal host, every call keyed: the scraper's key has the metrics:read scope and nothing else.
        app.MapMetrics().RequireAuthorization(Scopes.MetricsRead);

        var api = app.MapGroup("");
        api.MapUpsertLandlord();
        api.MapOpenAccount();
        api.MapGetAccount();
        api.MapGetStatement();
        api.MapAccountOperations();
        api.MapImportNotices();
        api.MapLookupNotice();
        api.MapGetNotice();
        api.MapGetNoticePdf();
        api.MapNoticePdfBatches();
        api.MapCorrectNotice();
        api.MapRecordPayment();
        api.MapRecordPaymentsBulk();
        api.MapGetPayment();
        api.MapReversePayment();
        api.MapAllocatePayment();
        api.MapDeallocatePayment();
        api.MapGetOpenItems();
        api.MapGetJournal();
        // The landlord's bank operations: suspense 471 and its clearing, fees 627, receipts that are not rent.
        api.MapParkInSuspense();
        api.MapClearSuspense();
        api.MapBookBankFees();
        api.MapCreditRemittance();
        api.MapRecordNotRent();
        api.MapListSuspense();
        // SEPA direct debit: mandates, collection files (pain.008.001.08), pain.002 rejects, the notice's mention.
        api.MapSignMandate();
        api.MapSignTip();
        api.MapChangeMandate();
        api.MapCreateCollection();
        api.MapRejectDebit();
        api.MapDirectDebitMention();
        // Accounting exports (FEC, journal CSV, aged balance).
        api.MapExportFec();
        api.MapExportJournalCsv();
        api.MapAgedBalance();
        // Tamper evidence: signed checkpoints of the hash chain, to export.
        api.MapCreateCheckpoint();
        api.MapGetLatestCheckpoint();

        api.MapGetNoticeReceipts();
        api.MapGetReceiptPdf();
        api.MapGetMonthQuittances();
        return app;
    }

    private static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in Scopes.All)
        {
            builder.AddPolicy(scope, p => p.RequireAuthenticatedUser().RequireClaim("scope", scope));
        }
        return builder;
    }
}
