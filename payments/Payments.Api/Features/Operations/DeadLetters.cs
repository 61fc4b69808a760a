using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Payments.Api.Features.Operations;

/// <summary>
/// What an operator needs when something could not be booked: the dead-lettered inbox items and outbox commands (references,
/// codes and the ledger's answer; no card data exists to show), and a replay that puts them back in the queue.
/// Protected by the <c>Operations:ApiKey</c> header key; disabled when none is configured.
/// </summary>
public static class DeadLetters
{
    public sealed record DeadLetter(string Queue, long Id, string Key, string? Detail, int Attempts);

    public static void MapDeadLetters(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ops/dead-letters", ListAsync).DisableAntiforgery();
        app.MapPost("/ops/dead-letters/{queue}/{id:long}/replay", ReplayAsync).DisableAntiforgery();
    }

    public static async Task<IResult> ListAsync(HttpRequest request, IConfiguration config, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!Authorized(request, config)) return Results.Unauthorized();
        var list = new List<DeadLetter>();
        await using var command = db.CreateCommand("""
            select 'inbox', id, psp_reference || ' ' || event_code || ' ' || success::text, last_error, attempts from webhook_inbox where status = 'DeadLetter'
            union all
            -- Booked, but the authorisation did not match its attempt (amount or currency): an operator checks with the tenant.
            select 'review', id, psp_reference || ' ' || event_code || ' ' || success::text, last_error, attempts from webhook_inbox where status = 'Review'
            union all
            select 'outbox', id, idempotency_key, last_error, attempts from ledger_outbox where status = 'DeadLetter'
            order by 1, 2
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new DeadLetter(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4)));
        }
        return Results.Ok(list);
    }

    public static async Task<IResult> ReplayAsync(string queue, long id, HttpRequest request, IConfiguration config, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        if (!Authorized(request, config)) return Results.Unauthorized();
        var sql = queue switch
        {
            "inbox" => "update webhook_inbox set status = 'Pending', attempts = 0 where id = $1 and status = 'DeadLetter'",
            "outbox" => "update ledger_outbox set status = 'Pending', attempts = 0, next_attempt_at = $2 where id = $1 and status = 'DeadLetter' and $2 is not null",
            _ => null,
        };
        if (sql is null) return Results.NotFound();
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new() { Value = id });
        if (queue == "outbox") command.Parameters.Add(new() { Value = time.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(ct) == 1 ? Results.NoContent() : Results.NotFound();
    }

    private static bool Authorized(HttpRequest request, IConfiguration config)
    {
        var key = config["Operations:ApiKey"];
        if (string.IsNullOrEmpty(key)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Headers["X-Api-Key"].ToString()), Encoding.UTF8.GetBytes(key));
    }
}
