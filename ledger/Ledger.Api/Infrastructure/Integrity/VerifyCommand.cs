using Npgsql;

namespace Ledger.Api.Infrastructure.Integrity;

/// <summary>
/// <c>Ledger.Api verify [--landlord &lt;id&gt;] [--checkpoint &lt;file&gt;]</c>: recomputes each landlord's hash chain from the
/// database named by the ledger's usual configuration (appsettings, ConnectionStrings__Ledger, command line), holds it to
/// the checkpoints stored in the database and to an exported one, and names the first event that does not match.
/// Exit 0: every chain holds; 1: tampering found (or a refused checkpoint); 2: usage or configuration error.
/// </summary>
public static class VerifyCommand
{
    public const string Name = "verify";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        string? landlord = null, checkpointFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--landlord" when i + 1 < args.Length: landlord = args[++i]; break;
                case "--checkpoint" when i + 1 < args.Length: checkpointFile = args[++i]; break;
                default:
                    if (!args[i].StartsWith("--", StringComparison.Ordinal) || !args[i].Contains('=', StringComparison.Ordinal))
                    {
                        error.WriteLine("usage: verify [--landlord <id>] [--checkpoint <file>]  (configuration as for the service: --Key=Value, environment, appsettings)");
                        return 2;
                    }
                    break;
            }
        }
        // The service's own configuration sources; only --Key=Value arguments reach them (not --landlord / --checkpoint).
        var config = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Where(a => a.Contains('=', StringComparison.Ordinal)).ToArray(),
            ApplicationName = typeof(LedgerApp).Assembly.GetName().Name,
        }).Configuration;
        LedgerPlacement placement;
        try
        {
            placement = LedgerPlacement.FromConfiguration(config);
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine($"verify: {ex.Message}");
            return 2;
        }
        CheckpointKeys keys;
        Checkpoint? exported = null;
        try
        {
            keys = new CheckpointKeys(config);
            if (checkpointFile is not null) exported = Checkpoint.Parse(await File.ReadAllTextAsync(checkpointFile, ct));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or System.Text.Json.JsonException or IOException or System.Security.Cryptography.CryptographicException)
        {
            error.WriteLine($"verify: {ex.Message}");
            return 2;
        }
        using (keys)
        {
            if (exported is not null)
            {
                if (keys.CheckSignature(exported) is { } refused)
                {
                    output.WriteLine($"verify: checkpoint {checkpointFile} refused: {refused}");
                    return 1;
                }
                if (landlord is not null && landlord != exported.Landlord)
                {
                    error.WriteLine($"verify: the checkpoint is landlord {exported.Landlord}'s, not {landlord}'s");
                    return 2;
                }
            }
            // Each landlord's chain is in the database the placement puts it in (one, without Ledger:Databases).
            var databases = landlord is not null ? [placement.Of(landlord)] : placement.All;
            var landlords = new List<string>();
            long total = 0;
            var failed = false;
            foreach (var database in databases)
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(ct);
                await using (var probe = new NpgsqlCommand(EventChainSchema.IsMissingSql, connection))
                {
                    if ((bool)(await probe.ExecuteScalarAsync(ct))!)
                    {
                        error.WriteLine($"verify: the ledger has no event chain yet in database {database.Name}: start the ledger once on this database (its migration installs it)");
                        return 2;
                    }
                }
                var here = landlord is not null ? [landlord] : await ChainVerifier.LandlordsAsync(connection, ct);
                if (exported is not null && placement.Of(exported.Landlord) == database && !here.Contains(exported.Landlord)) here.Add(exported.Landlord);
                landlords.AddRange(here);
                foreach (var l in here)
                {
                    var expectations = new List<ChainVerifier.Expectation>();
                    foreach (var stored in await CheckpointStore.AllAsync(connection, l, ct))
                    {
                        var why = keys.CheckSignature(stored);
                        if (why is not null && why.StartsWith("no verification key", StringComparison.Ordinal))
                        {
                            output.WriteLine($"verify: landlord {l}: stored checkpoint at position {stored.Position}: signature not checked ({why})");
                        }
                        else if (why is not null)
                        {
                            output.WriteLine($"verify: landlord {l}: stored checkpoint at position {stored.Position} refused: {why}");
                            failed = true;
                            continue;
                        }
                        expectations.Add(new(stored.Position, Convert.FromHexString(stored.HeadHash), $"the stored checkpoint of {stored.SignedAt}"));
                    }
                    if (exported is not null && exported.Landlord == l)
                    {
                        expectations.Add(new(exported.Position, Convert.FromHexString(exported.HeadHash), $"the checkpoint {checkpointFile} ({exported.SignedAt})"));
                    }
                    var report = await ChainVerifier.VerifyAsync(connection, l, expectations, ct);
                    total += report.EventsChecked;
                    if (report.Problem is { } problem)
                    {
                        output.WriteLine($"verify: landlord {l}: {problem.Describe()}");
                        failed = true;
                    }
                    else
                    {
                        output.WriteLine($"verify: landlord {l}: {report.EventsChecked} events checked, chain intact " +
                            $"(head {Convert.ToHexStringLower(report.Head)[..16]}…, {expectations.Count} checkpoints held)");
                    }
                }
            }
            var of = landlords.Count == 1 ? "1 landlord" : $"{landlords.Count} landlords";
            output.WriteLine(failed
                ? $"verify: FAILED ({total} events checked in {of})"
                : $"verify: {total} events checked in {of}, every chain intact");
            return failed ? 1 : 0;
        }
    }
}
