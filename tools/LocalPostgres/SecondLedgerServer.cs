using Npgsql;

namespace LocalPostgres;

/// <summary>
/// A second PostgreSQL cluster of the test's own with one ledger database on it (owner and service roles), for the tests
/// that place a landlord there with <c>Ledger:Databases:&lt;name&gt;</c> (issue 10 §3). Removed when disposed.
/// </summary>
public sealed class SecondLedgerServer : IAsyncDisposable
{
    private readonly ThrowawayPostgres _server;

    private SecondLedgerServer(ThrowawayPostgres server, ServiceDatabase database)
    {
        _server = server;
        Database = database;
        AdminConnectionString = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = database.Database }.ConnectionString;
    }

    public ServiceDatabase Database { get; }

    /// <summary>A superuser connection to the ledger database on this server (to look at its rows).</summary>
    public string AdminConnectionString { get; }

    /// <summary>Always a new cluster, even when RENT_PG_CONNECTION names a server: the point is a second one.</summary>
    public static async Task<SecondLedgerServer> StartAsync(string database = "ledger_second")
    {
        var server = await ThrowawayPostgres.StartDedicatedAsync();
        return new SecondLedgerServer(server, await server.CreateOwnedServiceDatabaseAsync(database));
    }

    /// <summary>The ledger's settings that place <paramref name="landlords"/> on this server, under the name given.</summary>
    public string[] PlacementArgs(string name, params string[] landlords) =>
    [
        $"--Ledger:Databases:{name}:ConnectionString={Database.ServiceConnectionString}",
        $"--Ledger:Databases:{name}:OwnerConnectionString={Database.OwnerConnectionString}",
        $"--Ledger:Databases:{name}:Landlords={string.Join(' ', landlords)}",
    ];

    /// <summary>The count a <c>select count(*)</c> answers on the database of <paramref name="connectionString"/>.</summary>
    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
