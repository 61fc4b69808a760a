using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests.Races;

/// <summary>The ledger and the reconciliation host with a small generated landlord and no month imported: each race adds its own tenants and lines.</summary>
public sealed class RaceStack : ReconStack
{
    protected override int Tenants => 30;
    protected override bool ImportMonthAtStart => false;

    public NpgsqlDataSource Db => Recon.Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>Postings of an entry (kind, payment id, status).</summary>
    public async Task<List<(string Kind, string PaymentId, string Status)>> PostingsAsync(string entryId)
    {
        await using var cmd = Db.CreateCommand("select kind, payment_id, status from postings where entry_id = $1 order by seq");
        cmd.Parameters.Add(new NpgsqlParameter { Value = entryId });
        var list = new List<(string, string, string)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add((r.GetString(0), r.GetString(1), r.GetString(2)));
        return list;
    }

    public static string? StatusMessage(string html) =>
        Regex.Match(html, "role=\"status\">([^<]*)<") is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : null;
}

[CollectionDefinition("recon-races")]
public sealed class RaceCollection : ICollectionFixture<RaceStack>;
