namespace Ledger.Api.Infrastructure;

/// <summary>One PostgreSQL database of the ledger: the service role's connection, the owner's (migrations) and who lives there.</summary>
public sealed record LedgerDatabase(string Name, string ConnectionString, string OwnerConnectionString, IReadOnlyList<string> Landlords)
{
    public bool HasSeparateOwner => !string.Equals(ConnectionString, OwnerConnectionString, StringComparison.Ordinal);
}

/// <summary>
/// Which database holds which landlord (README, "Sizing"). <c>ConnectionStrings:Ledger</c> (and <c>LedgerOwner</c>) is the
/// default database: every landlord listed under no <c>Ledger:Databases:&lt;name&gt;</c> is there, so a landlord created
/// tomorrow needs no configuration. Each named database lists its landlords; inside every database the landlords share the
/// tables (Marten's conjoined tenancy, the landlord id on every row), as they always have.
/// </summary>
public sealed record LedgerPlacement(LedgerDatabase Default, IReadOnlyList<LedgerDatabase> Others)
{
    public const string DefaultName = "default";
    public const string Section = "Ledger:Databases";

    public IReadOnlyList<LedgerDatabase> All => [Default, .. Others];

    /// <summary>No <c>Ledger:Databases</c> section: one database, exactly as before there were several.</summary>
    public bool IsSingle => Others.Count == 0;

    public bool HasSeparateOwner => All.Any(d => d.HasSeparateOwner);

    /// <summary>The database a landlord's rows are in.</summary>
    public LedgerDatabase Of(string landlordId) =>
        Others.FirstOrDefault(d => d.Landlords.Contains(landlordId, StringComparer.Ordinal)) ?? Default;

    /// <summary>Reads and checks the placement; a mistake stops the start-up with a sentence naming the setting.</summary>
    public static LedgerPlacement FromConfiguration(IConfiguration config)
    {
        var connection = config.GetConnectionString("Ledger") is { Length: > 0 } c
            ? c
            : throw new InvalidOperationException("ConnectionStrings:Ledger is required (see README, configuration)");
        var owner = config.GetConnectionString("LedgerOwner") is { Length: > 0 } o ? o : connection;
        var others = new List<LedgerDatabase>();
        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in config.GetSection(Section).GetChildren())
        {
            var name = section.Key;
            if (string.Equals(name, DefaultName, StringComparison.OrdinalIgnoreCase))
                throw Invalid(name, $"the name \"{DefaultName}\" is the database of ConnectionStrings:Ledger; give this one another name");
            var service = section["ConnectionString"] is { Length: > 0 } s ? s : throw Invalid(name, "ConnectionString is required");
            var landlords = Landlords(section.GetSection("Landlords"));
            foreach (var landlord in landlords)
            {
                if (!placed.TryAdd(landlord, name))
                    throw Invalid(name, $"landlord {landlord} is placed on two databases ({placed[landlord]} and {name})");
            }
            others.Add(new LedgerDatabase(name, service, section["OwnerConnectionString"] is { Length: > 0 } so ? so : service, landlords));
        }
        return new LedgerPlacement(new LedgerDatabase(DefaultName, connection, owner, []), others);
    }

    /// <summary>Space-separated like <c>Ledger:ApiKeys:N:Landlords</c>, or a list (<c>…:Landlords:0</c>, <c>…:Landlords:1</c>).</summary>
    private static List<string> Landlords(IConfigurationSection section) =>
        [.. new[] { section.Value }.Concat(section.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)];

    private static InvalidOperationException Invalid(string name, string why) => new($"{Section}:{name}: {why} (see README, configuration)");
}
