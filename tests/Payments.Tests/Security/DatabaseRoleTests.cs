using LocalPostgres;
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
        var refusal = await RoleChecks.RefusalOfAsync(stack.PaymentsServiceConnection, sql);

        refusal.ShouldNotBeNull($"the service role ran: {sql}");
        refusal.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, refusal.MessageText);
    }

    [Fact]
    public async Task ServiceRole_OwnsNoTableFunctionOrSchema()
    {
        var role = new NpgsqlConnectionStringBuilder(stack.PaymentsServiceConnection).Username!;
        role.ShouldNotBe(new NpgsqlConnectionStringBuilder(stack.PaymentsConnection).Username);

        (await RoleChecks.ObjectsOwnedByAsync(stack.PaymentsConnection, role)).ShouldBe(0);
    }
}
