using Marten;
using NodaTime;

namespace Ledger.Api.Infrastructure.Integrity;

/// <summary>
/// One signed checkpoint per landlord per day (Europe/Paris date): at start, then every hour it checks which landlords have
/// none for today. Without a signing key it does nothing and says so once. Exporting them (GET …/checkpoints/latest) and
/// keeping them outside the database is what makes them worth something (SECURITY.md, "Tamper evidence").
/// </summary>
public sealed class CheckpointService(IDocumentStore store, CheckpointKeys keys, IClock clock, ILogger<CheckpointService> logger) : BackgroundService
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!keys.CanSign)
        {
            logger.LogWarning("Ledger:Checkpoints:SigningKey is not set: no daily chain checkpoints are signed");
            return;
        }
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var written = await RunOnceAsync(ct);
                if (written > 0) logger.LogInformation("Chain checkpoints signed for {Count} landlords", written);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Chain checkpoints failed; trying again in an hour");
            }
            try { await Task.Delay(TimeSpan.FromHours(1), ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// Signs today's checkpoint for every landlord that has none yet today, in every database of the ledger (each landlord's
    /// chain lives with its events); returns how many it signed.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InZone(Paris).Date;
        var written = 0;
        foreach (var database in await store.Storage.AllDatabases())
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(ct);
            foreach (var landlord in await ChainVerifier.LandlordsAsync(connection, ct))
            {
                if (await CheckpointStore.LastSignedAtAsync(connection, landlord, ct) is { } last && last.InZone(Paris).Date >= today) continue;
                if (await CheckpointStore.CreateAsync(connection, keys, landlord, now, ct) is not null) written++;
            }
        }
        return written;
    }
}
