using JasperFx.Descriptors;
using Marten;
using Marten.Schema;
using Marten.Storage;
using Npgsql;
using Weasel.Core.Migrations;
using Weasel.Postgresql.Connections;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Marten's own static database-per-tenant multi-tenancy (<see cref="StaticMultiTenancy"/>: one Marten database per
/// configured PostgreSQL database, the landlords listed for it, conjoined tenancy inside), with the one thing it does not
/// do: it refuses a tenant id it was not told about, and landlords are created at run time (PUT /landlords/{id}). A
/// landlord listed nowhere is in the default database, as <see cref="LedgerPlacement"/> says. Nothing else is decided here:
/// every other call is Marten's.
/// </summary>
public sealed class LedgerTenancy : ITenancy, IAsyncDisposable
{
    private readonly Lazy<StaticMultiTenancy> _inner;
    private readonly HashSet<string> _placed;

    public LedgerTenancy(StoreOptions options, LedgerPlacement placement)
    {
        _placed = placement.Others.SelectMany(d => d.Landlords).ToHashSet(StringComparer.Ordinal);
        // Built on first use, as Marten builds its own tenancy: the databases read the store options when created.
        _inner = new Lazy<StaticMultiTenancy>(() =>
        {
            var tenancy = new StaticMultiTenancy(new DefaultNpgsqlDataSourceFactory(s => new NpgsqlDataSourceBuilder(s)), options);
            tenancy.AddMultipleTenantDatabase(placement.Default.ConnectionString, LedgerPlacement.DefaultName).ForTenants().AsDefault();
            foreach (var database in placement.Others)
            {
                tenancy.AddMultipleTenantDatabase(database.ConnectionString, database.Name).ForTenants([.. database.Landlords]);
            }
            return tenancy;
        });
    }

    private StaticMultiTenancy Inner => _inner.Value;

    public Tenant Default => Inner.Default;

    public IDocumentCleaner Cleaner => Inner.Cleaner;

    public DatabaseCardinality Cardinality => Inner.Cardinality;

    public Tenant GetTenant(string tenantId) =>
        _placed.Contains(tenantId) ? Inner.GetTenant(tenantId) : new Tenant(tenantId, Inner.Default.Database);

    public ValueTask<Tenant> GetTenantAsync(string tenantId) => ValueTask.FromResult(GetTenant(tenantId));

    /// <summary>A database by its name, or a landlord's database.</summary>
    public async ValueTask<IMartenDatabase> FindOrCreateDatabase(string tenantIdOrDatabaseIdentifier)
    {
        var databases = await Inner.BuildDatabases();
        // Identifier: the name given to AddMultipleTenantDatabase (Ledger:Databases:<name>, "default").
#pragma warning disable CS0618
        return databases.OfType<IMartenDatabase>().FirstOrDefault(d => d.Identifier == tenantIdOrDatabaseIdentifier)
            ?? GetTenant(tenantIdOrDatabaseIdentifier).Database;
#pragma warning restore CS0618
    }

    public ValueTask<IMartenDatabase> FindDatabase(DatabaseId id) => ((ITenancy)Inner).FindDatabase(id);

    public bool IsTenantStoredInCurrentDatabase(IMartenDatabase database, string tenantId) =>
        ReferenceEquals(GetTenant(tenantId).Database, database);

    public ValueTask<IReadOnlyList<IDatabase>> BuildDatabases() => Inner.BuildDatabases();

    public ValueTask<DatabaseUsage> DescribeDatabasesAsync(CancellationToken token) => Inner.DescribeDatabasesAsync(token);

    public void Dispose()
    {
        if (_inner.IsValueCreated) Inner.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_inner.IsValueCreated) await Inner.DisposeAsync();
    }
}
