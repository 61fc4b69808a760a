using System.Text.Json;
using JasperFx.Events;
using Marten;

namespace Ledger.Api.Infrastructure.Integrity;

/// <summary>
/// Puts the events of one append into the landlord's hash chain, in the same transaction: their content hashes are computed
/// here, from the JSON Marten is about to store, and <c>ledger.chain_append</c> links them after the landlord's head as the
/// batch's last statement. Called by every path that appends events: <see cref="LedgerWriter"/>, <see cref="BulkLedgerWriter"/> and <see cref="BankWriter"/>.
/// </summary>
public static class ChainLink
{
    public const string Sql = "select ledger.chain_append(?, ?, ?, ?, ?, ?::jsonb[])";

    public static void Queue(IDocumentSession session, string landlord, StreamAction action, long firstVersion)
    {
        var serializer = session.DocumentStore.Options.Serializer();
        var count = action.Events.Count;
        var ids = new Guid[count];
        var hashes = new byte[count][];
        var fields = new string?[count];
        for (var i = 0; i < count; i++)
        {
            var e = action.Events[i];
            ids[i] = e.Id;
            var content = new EventContent(landlord, action.Key!, firstVersion + i, e.EventTypeName, e.Id, serializer.ToJson(e.Data),
                session.CorrelationId, session.CausationId, session.LastModifiedBy);
            var (hash, fieldHashes) = ContentHash.Compute(content);
            hashes[i] = hash;
            fields[i] = FieldHashesJson(fieldHashes);
        }
        session.QueueSqlCommand(Sql, landlord, action.Key!, firstVersion, ids, hashes, fields);
    }

    /// <summary>{"tenantName": "hex…"}, or null when the event has no personal field.</summary>
    public static string? FieldHashesJson(Dictionary<string, byte[]> fieldHashes) =>
        fieldHashes.Count == 0 ? null : JsonSerializer.Serialize(fieldHashes.ToDictionary(p => p.Key, p => Convert.ToHexStringLower(p.Value)));

    public static Dictionary<string, byte[]>? ParseFieldHashes(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json)!.ToDictionary(p => p.Key, p => Convert.FromHexString(p.Value));
}
