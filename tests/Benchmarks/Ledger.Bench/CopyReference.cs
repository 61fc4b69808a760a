using System.Diagnostics;
using Npgsql;

namespace Ledger.Bench;

/// <summary>
/// The rent run's reference: the rows it wrote (every non-empty table of the ledger's schema: mt_streams, mt_events, the
/// projections' documents, keys, the event chain), exported with COPY … TO (binary, not timed) and written back with
/// COPY … FROM into empty copies of those tables (same columns, indexes and constraints, in a scratch schema), in one
/// transaction committed with fsync on. That is the physical limit for writing those rows on this server.
/// </summary>
internal static class CopyReference
{
    public sealed record Result(double Seconds, long Rows, int Tables);

    public static async Task<Result> RunAsync(string db)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        var tables = new List<(string Name, long Rows)>();
        await using (var list = new NpgsqlCommand("select c.relname, c.reltuples::bigint from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'ledger' and c.relkind = 'r'", conn))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        await Exec(conn, "drop schema if exists bench_copy cascade; create schema bench_copy");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var (name, _) in tables)
        {
            await using (var count = new NpgsqlCommand($"select count(*) from ledger.\"{name}\"", conn))
            {
                var n = (long)(await count.ExecuteScalarAsync())!;
                if (n == 0) continue;
                rows += n;
            }
            await Exec(conn, $"create table bench_copy.\"{name}\" (like ledger.\"{name}\" including all)");
            var file = Path.GetTempFileName();
            await using (var export = await conn.BeginRawBinaryCopyAsync($"copy ledger.\"{name}\" to stdout (format binary)"))
            await using (var output = File.Create(file))
            {
                await export.CopyToAsync(output);
            }
            files[name] = file;
        }
        var clock = Stopwatch.StartNew();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            foreach (var (name, file) in files)
            {
                await using var import = await conn.BeginRawBinaryCopyAsync($"copy bench_copy.\"{name}\" from stdin (format binary)");
                await using var input = File.OpenRead(file);
                await input.CopyToAsync(import);
            }
            await tx.CommitAsync();
        }
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var file in files.Values) File.Delete(file);
        await Exec(conn, "drop schema bench_copy cascade");
        return new Result(seconds, rows, files.Count);
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync();
    }
}
