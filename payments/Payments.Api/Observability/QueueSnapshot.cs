using Npgsql;

namespace Payments.Api.Observability;

/// <summary>
/// Depths and ages of the payments host's queues, in one statement on the partial indexes (pending and dead-lettered rows
/// only), so a scrape costs a few index lookups however long the tables grow.
/// </summary>
public sealed record QueueSnapshot(long InboxPending, double InboxOldestSeconds, long OutboxPending, double OutboxOldestSeconds,
    long InboxDead, long Review, long OutboxDead)
{
    public static QueueSnapshot Read(NpgsqlDataSource db, TimeProvider time)
    {
        using var command = db.CreateCommand("""
            select (select count(*) from webhook_inbox where status = 'Pending'),
                   (select min(received_at) from webhook_inbox where status = 'Pending'),
                   (select count(*) from ledger_outbox where status = 'Pending'),
                   (select min(created_at) from ledger_outbox where status = 'Pending'),
                   (select count(*) from webhook_inbox where status = 'DeadLetter'),
                   (select count(*) from webhook_inbox where status = 'Review'),
                   (select count(*) from ledger_outbox where status = 'DeadLetter')
            """);
        command.CommandTimeout = 5;
        using var reader = command.ExecuteReader();
        reader.Read();
        var now = time.GetUtcNow();
        double Age(int i) => reader.IsDBNull(i) ? 0 : Math.Max(0, (now - reader.GetFieldValue<DateTimeOffset>(i)).TotalSeconds);
        return new QueueSnapshot(reader.GetInt64(0), Age(1), reader.GetInt64(2), Age(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
    }
}
