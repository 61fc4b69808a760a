using Ledger.Api.Infrastructure;
using Ledger.Api.Infrastructure.Integrity;
using Marten;

namespace Ledger.Api.Features.Integrity;

/// <summary>
/// The landlord's latest signed checkpoint, as the JSON file <c>verify --checkpoint</c> reads: to be copied somewhere the
/// ledger's database credentials cannot reach.
/// </summary>
public static class GetLatestCheckpoint
{
    public static void MapGetLatestCheckpoint(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/checkpoints/latest", HandleAsync).RequireAuthorization(Scopes.IntegrityRead);

    public static async Task<IResult> HandleAsync(string landlordId, IDocumentStore store, CancellationToken ct)
    {
        await using var connection = store.DatabaseOf(landlordId).CreateConnection();
        await connection.OpenAsync(ct);
        return await CheckpointStore.LatestAsync(connection, landlordId, ct) is { } checkpoint
            ? TypedResults.Ok(checkpoint)
            : Problems.NotFound("checkpoint", "no checkpoint has been signed for this landlord yet");
    }
}
