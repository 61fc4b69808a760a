using System.Runtime.CompilerServices;
using System.Text.Json;
using Ledger.Domain.Journal;
using Ledger.Api.Infrastructure;
using Marten;
using Npgsql;

namespace Ledger.Api.Features.Exports;

/// <summary>A journal entry as the exports read it: with its tenant's name and the current lettrage of its 411 line.</summary>
public sealed record JournalRow(
    string Journal, int DateKey, string PieceRef, string Label, string Tenant, string? TenantName, IReadOnlyList<JournalLine> Lines,
    string? LetterCode, string? DateLet);

/// <summary>
/// Reads journal entries straight from the read models with one server-side-ordered query, row by row (Npgsql streams
/// the result set), so an export of a year never holds the year in memory. Order: date, journal, tenant, stream version
/// — the order in which the ledger posted them, and the same on every run.
/// </summary>
public static class JournalRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Public so that the FEC benchmark can print its plan (FEC_EXPLAIN=1).</summary>
    public const string Sql = """
        select j.data->>'journal', cast(j.data->>'dateKey' as integer), j.data->>'pieceRef', j.data->>'label',
               j.data->>'tenantReference', a.data->>'tenantName', j.data->>'lines', l.data->>'code', l.data->>'dateLet'
        from ledger.mt_doc_journalentryview j
        left join ledger.mt_doc_letterview l
               on l.tenant_id = j.tenant_id and l.id = (j.data->>'tenantReference') || '|' || (j.data->>'letterItem')
        left join ledger.mt_doc_accountview a on a.tenant_id = j.tenant_id and a.id = j.data->>'tenantReference'
        where j.tenant_id = @landlord and cast(j.data->>'dateKey' as integer) between @from and @to
        order by cast(j.data->>'dateKey' as integer), j.data->>'journal', j.data->>'tenantReference',
                 cast(reverse(split_part(reverse(j.id), '|', 1)) as bigint)
        """;

    public static async IAsyncEnumerable<JournalRow> ReadAsync(
        IDocumentStore store, string landlordId, int fromKey, int toKey, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = store.DatabaseOf(landlordId).CreateConnection();
        await connection.OpenAsync(ct);
        // A cursor inside a transaction keeps the server from materialising the whole result on the client side.
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        // A year is one sort of millions of rows: with the default 4 MB per sort it spills to disk in many runs, and the
        // lettrage hash join splits into batches. 64 MB for this transaction only (per worker; LOCAL ends with it). JIT
        // compiles for ~0.1 s and gains nothing on this plan.
        await using (var settings = new NpgsqlCommand("set local work_mem = '64MB'; set local jit = off", connection, tx))
        {
            await settings.ExecuteNonQueryAsync(ct);
        }
        await using var command = new NpgsqlCommand(Sql, connection, tx);
        command.Parameters.AddWithValue("landlord", landlordId);
        command.Parameters.AddWithValue("from", fromKey);
        command.Parameters.AddWithValue("to", toKey);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new JournalRow(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                JsonSerializer.Deserialize<List<JournalLine>>(reader.GetString(6), Json) ?? [],
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
        }
    }

    private const string OpeningSql = """
        select line->>'account', coalesce(line->>'auxiliary', ''), min(a.data->>'tenantName'), l.data->>'code', l.data->>'dateLet',
               sum(cast(line->>'debit' as bigint)) - sum(cast(line->>'credit' as bigint))
        from ledger.mt_doc_journalentryview j
        cross join lateral jsonb_array_elements(j.data->'lines') line
        left join ledger.mt_doc_letterview l
               on line->>'account' = @receivable and l.tenant_id = j.tenant_id
              and l.id = (j.data->>'tenantReference') || '|' || (j.data->>'letterItem')
        left join ledger.mt_doc_accountview a
               on line->>'account' = @receivable and a.tenant_id = j.tenant_id and a.id = j.data->>'tenantReference'
        where j.tenant_id = @landlord and cast(j.data->>'dateKey' as integer) < @from
        group by 1, 2, 4, 5
        order by 1, 2, 4 nulls first
        """;

    /// <summary>Net of every account (411 per tenant and lettrage group) over the entries before a date, for the à-nouveaux.</summary>
    public static async IAsyncEnumerable<(string Account, string Auxiliary, string? AuxName, string? Code, string? DateLet, long Net)> OpeningAsync(
        IDocumentStore store, string landlordId, int fromKey, string receivable, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = store.DatabaseOf(landlordId).CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(OpeningSql, connection);
        command.Parameters.AddWithValue("landlord", landlordId);
        command.Parameters.AddWithValue("from", fromKey);
        command.Parameters.AddWithValue("receivable", receivable);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt64(5));
        }
    }
}
