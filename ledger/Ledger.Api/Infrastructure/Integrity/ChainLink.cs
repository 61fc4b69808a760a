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

    /// <summary>Links one append (one stream's new events).</summary>
    public static void Queue(IDocumentSession session, string landlord, StreamAction action, long firstVersion) =>
        Queue(session, landlord, [(action, firstVersion)]);

    /// <summary>
    /// Links several appends in one call, in the order given: the rent run's thousand accounts of a session cost one statement
    /// rather than a thousand.
    /// </summary>
    public static void Queue(IDocumentSession session, string landlord, IReadOnlyList<(StreamAction Action, long FirstVersion)> appends)
    {
        var serializer = session.DocumentStore.Options.Serializer();
        var count = appends.Sum(a => a.Action.Events.Count);
        if (count == 0) return;
        var streams = new string[count];
        var versions = new long[count];
        var ids = new Guid[count];
        var hashes = new byte[count][];
        var fields = new string?[count];
        var n = 0;
        foreach (var (action, firstVersion) in appends)
        {
            for (var i = 0; i < action.Events.Count; i++, n++)
            {
                var e = action.Events[i];
                streams[n] = action.Key!;
                versions[n] = firstVersion + i;
                ids[n] = e.Id;
                var content = new EventContent(landlord, action.Key!, firstVersion + i, e.EventTypeName, e.Id, serializer.ToJson(e.Data),
                    session.CorrelationId, session.CausationId, session.LastModifiedBy);
                var (hash, fieldHashes) = ContentHash.Compute(content);
                hashes[n] = hash;
                fields[n] = FieldHashesJson(fieldHashes);
            }
        }
        session.QueueSqlCommand(Sql, landlord, streams, versions, ids, hashes, fields);
    }

    /// <summary>{"tenantName": "hex…"}, or null when the event has no personal field.</summary>
    public static string? FieldHashesJson(Dictionary<string, byte[]> fieldHashes) =>
        fieldHashes.Count == 0 ? null : JsonSerializer.Serialize(fieldHashes.ToDictionary(p => p.Key, p => Convert.ToHexStringLower(p.Value)));

    public static Dictionary<string, byte[]>? ParseFieldHashes(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json)!.ToDictionary(p => p.Key, p => Convert.FromHexString(p.Value));
}
