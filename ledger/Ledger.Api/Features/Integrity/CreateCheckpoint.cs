using Ledger.Api.Infrastructure;
using Ledger.Api.Infrastructure.Integrity;
using Marten;
using NodaTime;

namespace Ledger.Api.Features.Integrity;

/// <summary>Signs a checkpoint of the landlord's chain now (besides the daily one), for an operator about to export it.</summary>
public static class CreateCheckpoint
{
    public static void MapCreateCheckpoint(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/checkpoints", HandleAsync).RequireAuthorization(Scopes.IntegrityWrite);

    public static async Task<IResult> HandleAsync(string landlordId, IDocumentStore store, CheckpointKeys keys, IClock clock, CancellationToken ct)
    {
        if (!keys.CanSign)
        {
            return Problems.Conflict("signingKey", "no checkpoint signing key is configured (Ledger:Checkpoints:SigningKey)");
        }
        await using var connection = store.DatabaseOf(landlordId).CreateConnection();
        await connection.OpenAsync(ct);
        var checkpoint = await CheckpointStore.CreateAsync(connection, keys, landlordId, clock.GetCurrentInstant(), ct);
        return checkpoint is null
            ? Problems.Conflict("landlordId", "this landlord has no event to checkpoint yet")
            : TypedResults.Created($"/landlords/{landlordId}/checkpoints/latest", checkpoint);
    }
}
