using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Marten;
using Marten.Storage;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Weasel.Core;

namespace Ledger.Api.Infrastructure;

/// <summary>Marten configuration of the ledger: what is stored where, and the choices a money ledger needs.</summary>
public static class LedgerStore
{
    public static void Configure(StoreOptions opts, string connectionString, bool autoCreate)
    {
        opts.Connection(connectionString);
        ConfigureSchema(opts, autoCreate);
    }

    /// <summary>
    /// The store over every database of the placement: one database (no <c>Ledger:Databases</c>), exactly as
    /// <see cref="Configure(StoreOptions, string, bool)"/>; several, through Marten's static multi-tenancy
    /// (<see cref="LedgerTenancy"/>), each database holding its landlords in the same conjoined tables.
    /// </summary>
    public static void Configure(StoreOptions opts, LedgerPlacement placement, bool autoCreate)
    {
        if (placement.IsSingle)
        {
            Configure(opts, placement.Default.ConnectionString, autoCreate);
            return;
        }
        // A session without a landlord has no database to go to: Marten refuses it rather than guess the default.
        opts.Advanced.DefaultTenantUsageEnabled = false;
        opts.Tenancy = new LedgerTenancy(opts, placement);
        ConfigureSchema(opts, autoCreate);
    }

    /// <summary>
    /// The landlord's database, for the few statements that go around Marten's sessions (the bulk writer's one
    /// transaction, the exports' cursors, checkpoints). With one database it is that database.
    /// </summary>
    public static IMartenDatabase DatabaseOf(this IDocumentStore store, string landlordId) =>
        store is DocumentStore document ? document.Tenancy.GetTenant(landlordId).Database : store.Storage.Database;

    private static void ConfigureSchema(StoreOptions opts, bool autoCreate)
    {
        opts.DatabaseSchemaName = "ledger";
        // Schema changes in production go through a reviewed migration, not a service creating tables at will.
        opts.AutoCreateSchemaObjects = autoCreate ? AutoCreate.CreateOrUpdate : AutoCreate.None;

        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, o =>
        {
            o.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
            o.Converters.Add(new JsonStringEnumConverter());
        });

        // One stream per tenant account, keyed by the tenant reference, inside one landlord (conjoined tenancy: every
        // event and document row carries the landlord id). A landlord can be placed in a database of its own (LedgerPlacement).
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        opts.Events.TenancyStyle = TenancyStyle.Conjoined;
        opts.Policies.AllDocumentsAreMultiTenanted();
        // Rich append: Append(stream, expectedVersion, events) enforces optimistic concurrency (Quick mode cannot).
        opts.Events.AppendMode = EventAppendMode.Rich;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;

        opts.Events.AddEventTypes([
            typeof(AccountOpened), typeof(AccountClosed), typeof(NoticeIssued), typeof(NoticeCancelled), typeof(NoticeCredited),
            typeof(PaymentReceived), typeof(PaymentAllocated), typeof(PaymentDeallocated), typeof(PaymentReversed),
            typeof(ReversalCancelled), typeof(CreditRefunded), typeof(NoticeWrittenOff), typeof(BalanceAdjusted),
        ]);
        // Lettrage (accounting): derived events and the per-item read model the FEC joins.
        opts.Events.AddEventTypes([typeof(LettrageApplied), typeof(LettrageUndone)]);
        opts.Schema.For<LetterView>().Identity(x => x.Id);
        // The landlord's bank operations (stream "bank:<landlord>"): suspense 471, fees 627, receipts that are not rent.
        opts.Events.AddEventTypes([
            typeof(Ledger.Domain.Bank.SuspenseParked), typeof(Ledger.Domain.Bank.SuspenseCleared),
            typeof(Ledger.Domain.Bank.BankFeesBooked), typeof(Ledger.Domain.Bank.NotRentReceived),
        ]);
        opts.Schema.For<SuspenseView>().Identity(x => x.Id).Index(x => x.Status);

        // Direct debit (issue 12 §3): mandates as streams "mandate:<RUM at signature>", debit requests, each date's file.
        opts.Events.AddEventTypes([
            typeof(Ledger.Domain.DirectDebit.MandateSigned), typeof(Ledger.Domain.DirectDebit.MandateAmended),
            typeof(Ledger.Domain.DirectDebit.MandateRevoked), typeof(Ledger.Domain.DirectDebit.MandateCollectionPresented),
            typeof(Ledger.Domain.DirectDebit.MandateCollectionRejected),
        ]);
        opts.Schema.For<Features.DirectDebit.MandateView>().Identity(x => x.Id).Index(x => x.TenantReference).Index(x => x.StreamId);
        opts.Schema.For<Features.DirectDebit.RumKey>().Identity(x => x.Id);
        opts.Schema.For<Features.DirectDebit.DebitRequestView>().Identity(x => x.Id).Index(x => x.NoticeReference);
        opts.Schema.For<Features.DirectDebit.CollectionRunView>().Identity(x => x.Id);

        opts.Schema.For<AccountView>().Identity(x => x.Id);
        opts.Schema.For<NoticeView>().Identity(x => x.Id).Index(x => x.TenantReference).Index(x => x.OutstandingCents);
        opts.Schema.For<PaymentView>().Identity(x => x.Id).Index(x => x.TenantReference);
        opts.Schema.For<PaymentKey>().Identity(x => x.Id);
        opts.Schema.For<NoticeKey>().Identity(x => x.Id);
        opts.Schema.For<LandlordProfile>().Identity(x => x.Id);
        opts.Schema.For<JournalEntryView>().Identity(x => x.Id).Index(x => x.DateKey);
        // Rent-run PDF batches (Documents/Notices): derived documents, never money facts.
        opts.Schema.For<Ledger.Api.Documents.Notices.NoticePdfBatch>().Identity(x => x.Id).Index(x => x.Period);
        opts.Schema.For<Ledger.Api.Documents.Notices.NoticePdfBatchItem>().Identity(x => x.Id).Index(x => x.BatchId);
    }
}
