using LocalPostgres;
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
        var refusal = await RoleChecks.RefusalOfAsync(stack.ReconServiceConnection, sql);

        // 42501 (insufficient privilege / must be owner): refused by the grants, not by the trigger's own message.
        refusal.ShouldNotBeNull($"the service role ran: {sql}");
        refusal.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, refusal.MessageText);
        (await RoleChecks.TriggerEnabledAsync(stack.ReconOwnerConnection, "audit_log", "audit_log_no_change")).ShouldBeTrue();
    }

    [Fact]
    public async Task ServiceRole_OwnsNoTableFunctionOrSchema()
    {
        var role = new NpgsqlConnectionStringBuilder(stack.ReconServiceConnection).Username!;
        role.ShouldNotBe(new NpgsqlConnectionStringBuilder(stack.ReconOwnerConnection).Username);

        (await RoleChecks.ObjectsOwnedByAsync(stack.ReconOwnerConnection, role)).ShouldBe(0);
    }
}
