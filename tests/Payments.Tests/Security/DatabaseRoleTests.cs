using Npgsql;
using Payments.Tests.Support;

namespace Payments.Tests.Security;

/// <summary>
/// Issue 9, item 3, for the payments database: the public host serves with a role that owns nothing. Stolen service
/// credentials can do what the host does (insert and update attempts, inbox and outbox rows) and nothing more: no delete,
/// no change of a table's shape, no new table.
/// </summary>
public sealed class DatabaseRoleTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Theory]
    [InlineData("DELETE FROM webhook_inbox")]
    [InlineData("TRUNCATE ledger_outbox")]
    [InlineData("DROP TABLE payment_attempts")]
    [InlineData("ALTER TABLE webhook_inbox ADD COLUMN note text")]
    [InlineData("ALTER TABLE ledger_outbox DISABLE TRIGGER ALL")]
    [InlineData("CREATE TABLE shadow (id int)")]
    public async Task ServiceRole_TriesToTamperWithTables_IsRefusedByPrivileges(string sql)
    {
        await using var connection = new NpgsqlConnection(stack.PaymentsServiceConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, error.MessageText);
        await using var tables = new NpgsqlCommand(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('payment_attempts', 'webhook_inbox', 'ledger_outbox')", connection);
        ((long)(await tables.ExecuteScalarAsync())!).ShouldBe(3);
    }

    [Fact]
    public async Task ServiceRole_OwnsNoTableFunctionOrSchema()
    {
        var role = new NpgsqlConnectionStringBuilder(stack.PaymentsServiceConnection).Username!;
        role.ShouldNotBe(new NpgsqlConnectionStringBuilder(stack.PaymentsConnection).Username);
        await using var connection = new NpgsqlConnection(stack.PaymentsConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1)
                 + (SELECT count(*) FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner WHERE r.rolname = $1)
                 + (SELECT count(*) FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE r.rolname = $1)
            """, connection);
        command.Parameters.Add(new() { Value = role });
        ((long)(await command.ExecuteScalarAsync())!).ShouldBe(0);
    }
}
