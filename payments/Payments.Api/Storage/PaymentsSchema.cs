using Npgsql;

namespace Payments.Api.Storage;

/// <summary>
/// The payments database: attempts, the webhook inbox and the outbox towards the ledger. Plain SQL, created at startup.
/// No column can hold card data: the inbox keeps the ten fields we need and nothing of <c>additionalData</c>.
/// </summary>
public static class PaymentsSchema
{
    public const string Sql = """
        create table if not exists payment_attempts (
            attempt_id text primary key,
            idempotency_key text not null unique,
            tenant_reference text not null,
            notice_reference text not null,
            amount_cents bigint not null check (amount_cents > 0),
            currency text not null,
            status text not null,
            session_id text,
            redirect_url text,
            psp_reference text,
            expires_at timestamptz not null,
            created_at timestamptz not null,
            updated_at timestamptz not null);
        -- At most one open attempt per notice: a second click reuses it (same idempotency key, same Adyen session).
        create unique index if not exists payment_attempts_one_open on payment_attempts (notice_reference)
            where status in ('Created', 'Redirected');

        create table if not exists webhook_inbox (
            id bigserial primary key,
            psp_reference text not null,
            original_reference text,
            merchant_reference text,
            event_code text not null,
            success boolean not null,
            amount_value bigint,
            currency text,
            event_date text,
            payment_method text,
            reason text,
            received_at timestamptz not null,
            status text not null default 'Pending',
            attempts integer not null default 0,
            last_error text,
            processed_at timestamptz,
            unique (psp_reference, event_code, success));

        create table if not exists ledger_outbox (
            id bigserial primary key,
            idempotency_key text not null unique,
            kind text not null,
            payment_id text not null,
            path text not null,
            body text not null,
            status text not null default 'Pending',
            attempts integer not null default 0,
            next_attempt_at timestamptz not null,
            last_error text,
            created_at timestamptz not null,
            sent_at timestamptz);
        create index if not exists ledger_outbox_due on ledger_outbox (next_attempt_at) where status = 'Pending';

        -- What the PSP confirmed (AUTHORISATION amount and currency): the only amount the return page may state as paid.
        alter table payment_attempts add column if not exists authorised_cents bigint;
        alter table payment_attempts add column if not exists authorised_currency text;

        -- The queue gauges (Observability/QueueSnapshot) count waiting and dead-lettered rows through these, not the tables.
        create index if not exists webhook_inbox_waiting on webhook_inbox (received_at) where status in ('Pending', 'DeadLetter', 'Review');
        create index if not exists ledger_outbox_waiting on ledger_outbox (created_at) where status in ('Pending', 'DeadLetter');
        """;

    /// <summary>
    /// The service role's privileges: read and write the three tables (no DELETE, no DDL: it owns nothing), and use their
    /// sequences. Given by the owner role after the migration.
    /// </summary>
    public static string GrantsSql(string serviceRole)
    {
        var role = new NpgsqlCommandBuilder().QuoteIdentifier(serviceRole);
        return $"""
            grant usage on schema public to {role};
            grant select, insert, update on payment_attempts, webhook_inbox, ledger_outbox to {role};
            grant usage, select on all sequences in schema public to {role};
            """;
    }

    public static async Task EnsureAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand(Sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// Creates the schema before the host accepts requests, with the owner role (<c>ConnectionStrings:PaymentsOwner</c>), then
/// grants the service role (<c>ConnectionStrings:Payments</c>) only what it needs. Without an owner string the service role
/// migrates and owns the tables (dev convenience only).
/// </summary>
public sealed class SchemaInitializer(string ownerConnection, string serviceConnection, ILogger<SchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var owner = NpgsqlDataSource.Create(ownerConnection);
        await PaymentsSchema.EnsureAsync(owner, cancellationToken);
        var ownerRole = new NpgsqlConnectionStringBuilder(ownerConnection).Username;
        var serviceRole = new NpgsqlConnectionStringBuilder(serviceConnection).Username;
        if (serviceRole is { Length: > 0 } && !string.Equals(ownerRole, serviceRole, StringComparison.Ordinal))
        {
            await using var grants = owner.CreateCommand(PaymentsSchema.GrantsSql(serviceRole));
            await grants.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            logger.LogWarning("ConnectionStrings:PaymentsOwner is not set: the service role owns the payments tables (dev only)");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
