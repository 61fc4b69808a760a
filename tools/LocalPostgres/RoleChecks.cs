using Npgsql;

namespace LocalPostgres;

/// <summary>
/// What the least-privilege tests of every service ask of PostgreSQL: what a role owns, and how a statement run as a
/// role is refused. Kept here so that the ledger's, the payments' and the reconciliation's role tests ask the same way.
/// </summary>
public static class RoleChecks
{
    /// <summary>Tables, functions and schemas the role owns in the database of <paramref name="connectionString"/>.</summary>
    public static async Task<long> ObjectsOwnedByAsync(string connectionString, string role)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1)
                 + (SELECT count(*) FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner WHERE r.rolname = $1)
                 + (SELECT count(*) FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE r.rolname = $1)
            """, connection);
        command.Parameters.Add(new() { Value = role });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with <paramref name="connectionString"/> and returns PostgreSQL's refusal, or null when
    /// the statement went through (which a role test reports as its failure).
    /// </summary>
    public static async Task<PostgresException?> RefusalOfAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            await command.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException e)
        {
            return e;
        }
    }

    /// <summary>Whether the named trigger on the table is still enabled ('O': fires in origin mode).</summary>
    public static async Task<bool> TriggerEnabledAsync(string connectionString, string table, string trigger)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT tgenabled FROM pg_trigger WHERE tgname = $1 AND tgrelid = $2::regclass", connection);
        command.Parameters.Add(new() { Value = trigger });
        command.Parameters.Add(new() { Value = table });
        return await command.ExecuteScalarAsync() is char c && c == 'O';
    }
}
