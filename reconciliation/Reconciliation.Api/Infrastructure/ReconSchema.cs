using Npgsql;

namespace Reconciliation.Api.Infrastructure;

/// <summary>
/// The reconciliation database: imports, their entries and match results, detail files, the posting queue towards the
/// ledger, the payments it posted (for returns), learned IBANs, accountants, approvals and the audit log. Plain SQL run by
/// the owner role at start-up; the service role gets only what it uses (no DDL, no UPDATE or DELETE on the audit log).
/// </summary>
public static class ReconSchema
{
    public const string Sql = """
        create table if not exists imports (
            id bigserial primary key,
            created_at timestamptz not null,
            created_by text not null,
            files text not null,
            formats text not null,
            status text not null,
            total integer not null default 0,
            processed integer not null default 0,
            entries integer not null default 0,
            new_entries integer not null default 0,
            auto_count integer not null default 0, auto_cents bigint not null default 0,
            suggested_count integer not null default 0, suggested_cents bigint not null default 0,
            unmatched_count integer not null default 0, unmatched_cents bigint not null default 0,
            warnings text not null default '',
            error text,
            finished_at timestamptz);

        create table if not exists entries (
            entry_id text primary key,
            import_id bigint not null references imports(id),
            dedupe_key text,
            booking_date date,
            amount_cents bigint not null,
            currency text not null,
            bank_reference text,
            counterparty_name text,
            counterparty_iban text,
            label text not null,
            entry_json text not null,
            decision text not null,
            result_json text not null,
            state text not null,
            state_by text,
            state_at timestamptz,
            state_reason text,
            version integer not null default 0);
        create unique index if not exists entries_dedupe on entries (dedupe_key) where dedupe_key is not null;
        create index if not exists entries_state on entries (state, booking_date);

        create table if not exists detail_files (
            sha256 text primary key,
            format text not null,
            file_name text not null,
            content bytea not null,
            import_id bigint not null references imports(id));

        create table if not exists postings (
            id text primary key,
            seq bigserial not null,
            entry_id text not null,
            kind text not null,
            payment_id text not null,
            tenant_reference text not null,
            body text not null,
            amount_cents bigint not null,
            status text not null default 'Pending',
            attempts integer not null default 0,
            next_attempt_at timestamptz not null,
            last_error text,
            created_at timestamptz not null,
            sent_at timestamptz);
        create index if not exists postings_due on postings (next_attempt_at) where status = 'Pending';
        create index if not exists postings_entry on postings (entry_id);

        create table if not exists posted_payments (
            payment_id text primary key,
            entry_id text not null,
            tenant_reference text not null,
            notice_reference text,
            amount_cents bigint not null,
            channel text not null,
            end_to_end_id text,
            bank_reference text,
            cheque_number text,
            received_on date not null);
        create index if not exists posted_payments_tenant on posted_payments (tenant_reference);

        -- pain.002 status reports: one row per report (idempotency by its MsgId), one per transaction it rejects.
        create table if not exists pain002_files (
            message_id text primary key,
            import_id bigint not null references imports(id),
            file_name text not null,
            original_message_id text not null,
            group_status text,
            created_on date not null);

        create table if not exists direct_debit_rejects (
            message_id text not null references pain002_files(message_id),
            end_to_end_id text not null,
            import_id bigint not null references imports(id),
            original_message_id text not null,
            reason_code text,
            proprietary boolean not null default false,
            rejected_on date not null,
            amount_cents bigint,
            status text not null,
            tenant_reference text,
            notice_reference text,
            reason_text text,
            explanation text,
            primary key (message_id, end_to_end_id));
        create index if not exists direct_debit_rejects_status on direct_debit_rejects (status);

        create table if not exists known_ibans (
            iban text not null,
            tenant_reference text not null,
            learned_at timestamptz not null,
            learned_by text not null,
            primary key (iban, tenant_reference));

        create table if not exists accountants (
            user_name text primary key,
            display_name text not null,
            password_hash text not null,
            roles text not null);
        alter table accountants add column if not exists totp_enabled boolean not null default false;
        alter table accountants add column if not exists totp_secret text;
        alter table accountants add column if not exists totp_pending text;
        alter table accountants add column if not exists totp_last_step bigint;

        -- Lockout with back-off per account name (Accounts/LoginThrottle.cs); the key is a hash of the name.
        create table if not exists login_throttle (
            key text primary key,
            failures integer not null,
            last_failure_at timestamptz not null,
            locked_until timestamptz);

        create table if not exists approvals (
            id bigserial primary key,
            kind text not null,
            summary text not null,
            amount_cents bigint not null,
            payload text not null,
            requested_by text not null,
            requested_at timestamptz not null,
            status text not null,
            decided_by text,
            decided_at timestamptz);

        create table if not exists audit_log (
            id bigserial primary key,
            at timestamptz not null,
            who text not null,
            action text not null,
            detail text not null);
        create or replace function audit_log_append_only() returns trigger language plpgsql as $$
            begin raise exception 'audit_log is append-only'; end $$;
        drop trigger if exists audit_log_no_change on audit_log;
        create trigger audit_log_no_change before update or delete on audit_log
            for each row execute function audit_log_append_only();
        """;

    /// <summary>Creates the schema with the owner's connection, then grants the service role what it needs.</summary>
    public static async Task MigrateAsync(string ownerConnection, string serviceConnection, CancellationToken ct)
    {
        await using var owner = NpgsqlDataSource.Create(ownerConnection);
        await using (var command = owner.CreateCommand(Sql)) await command.ExecuteNonQueryAsync(ct);
        var serviceRole = new NpgsqlConnectionStringBuilder(serviceConnection).Username;
        var ownerRole = new NpgsqlConnectionStringBuilder(ownerConnection).Username;
        if (serviceRole is null || serviceRole == ownerRole) return;
        var role = "\"" + serviceRole.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var grants = $"""
            grant usage on schema public to {role};
            grant select, insert, update on imports, entries, postings, approvals, accountants, direct_debit_rejects to {role};
            grant select, insert on detail_files, posted_payments, known_ibans, audit_log, pain002_files to {role};
            grant select, insert, update, delete on login_throttle to {role};
            grant usage, select on all sequences in schema public to {role};
            """;
        await using (var command = owner.CreateCommand(grants)) await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Migrates before the host takes requests (owner connection when configured, else the service's: dev only).</summary>
public sealed class SchemaMigrator(IConfiguration config) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var service = config.GetConnectionString("Reconciliation")!;
        var owner = config.GetConnectionString("ReconciliationOwner") is { Length: > 0 } o ? o : service;
        return ReconSchema.MigrateAsync(owner, service, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
