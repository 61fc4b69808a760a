using Npgsql;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests;

/// <summary>
/// Issue 9, item 3, for the reconciliation database: the host serves with a role that owns nothing, so stolen service
/// credentials cannot drop the audit log's guard, change a table's shape or empty the audit log.
/// </summary>
[Collection("recon")]
public sealed class DatabaseRoleTests(ReconStack stack)
{
    [Theory]
    [InlineData("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")]
    [InlineData("DROP TRIGGER audit_log_no_change ON audit_log")]
    [InlineData("CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("UPDATE audit_log SET detail = ''")]
    [InlineData("TRUNCATE audit_log")]
    [InlineData("ALTER TABLE postings ADD COLUMN note text")]
    [InlineData("DELETE FROM posted_payments")]
    [InlineData("DROP TABLE entries")]
    [InlineData("CREATE TABLE shadow (id int)")]
    public async Task ServiceRole_TriesToTamperWithTables_IsRefusedByPrivileges(string sql)
    {
        await using var connection = new NpgsqlConnection(stack.ReconServiceConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        // 42501 (insufficient privilege / must be owner): refused by the grants, not by the trigger's own message.
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, error.MessageText);
        await using var trigger = new NpgsqlCommand(
            "SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_log_no_change' AND tgrelid = 'audit_log'::regclass", connection);
        ((char)(await trigger.ExecuteScalarAsync())!).ShouldBe('O');
    }

    [Fact]
    public async Task ServiceRole_OwnsNoTableFunctionOrSchema()
    {
        var role = new NpgsqlConnectionStringBuilder(stack.ReconServiceConnection).Username!;
        role.ShouldNotBe(new NpgsqlConnectionStringBuilder(stack.ReconOwnerConnection).Username);
        await using var connection = new NpgsqlConnection(stack.ReconOwnerConnection);
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
