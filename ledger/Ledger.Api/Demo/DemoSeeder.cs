using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Primitives;
using Marten;
using NodaTime;

namespace Ledger.Api.Demo;

/// <summary>
/// The demo landlord used by the main command and the end-to-end tests: 20 tenants with October and November 2026 notices,
/// some already paid by transfer. Every value is fixed, so seeding twice changes nothing (the commands are idempotent).
/// Tenant 100001/01 always has the unpaid notice 2026-11/000001 of 512.30 EUR, due 2026-11-05.
/// </summary>
public sealed class DemoSeeder(IDocumentStore store, LedgerWriter writer, ILogger<DemoSeeder> logger) : IHostedService
{
    public const string LandlordId = "demo-habitat";
    public const string LandlordName = "Demo Habitat";

    private static readonly string[] Names =
    [
        "Camille Martin", "Léa Bernard", "Hugo Dubois", "Chloé Thomas", "Lucas Robert", "Manon Richard", "Nathan Petit",
        "Inès Durand", "Louis Leroy", "Jade Moreau", "Gabriel Simon", "Emma Laurent", "Raphaël Lefebvre", "Lina Michel",
        "Arthur Garcia", "Sarah David", "Jules Bertrand", "Zoé Roux", "Adam Vincent", "Alice Fournier",
    ];

    public async Task StartAsync(CancellationToken ct)
    {
        await using (var session = store.LightweightSession(LandlordId))
        {
            // A made-up SIREN (Luhn-valid, no real company's) so that the demo landlord's FEC export works.
            session.Store(new LandlordProfile(LandlordId, LandlordName, "^\\d{6}/\\d{2}$") { Siren = "900000001" });
            await session.SaveChangesAsync(ct);
        }
        var ctx = new CommandContext(LandlordId, "demo-seeder", "demo-seed", null);
        for (var i = 0; i < Names.Length; i++)
        {
            var tenant = new TenantReference($"{100001 + i:000000}/01");
            var october = Notice(new YearMonth(2026, 10), i);
            var commands = new List<object>
            {
                new OpenAccount(LandlordId, tenant, Names[i], $"BAT-{(char)('A' + (i % 4))}-{100 + i}", new LocalDate(2020, 1, 1)),
                october, Notice(new YearMonth(2026, 11), i),
            };
            // Half the tenants paid October by transfer; tenant 4 paid part of it.
            if (i % 2 == 1 || i == 3)
            {
                var amount = i == 3 ? Money.Eur(20000) : october.Lines.Aggregate(Money.Eur(0), (t, l) => t + l.Amount);
                commands.Add(new RecordPayment(PaymentId.For(PaymentChannel.Transfer, $"DEMO-2026-10-{i + 1:000}"), PaymentChannel.Transfer,
                    amount, new LocalDate(2026, 10, 6), new Dictionary<string, string> { ["bankReference"] = $"DEMO-2026-10-{i + 1:000}" },
                    october.NoticeReference));
            }
            var result = await writer.ExecuteAsync(ctx, tenant.Value, commands, ct);
            if (result.Decision is Decision.Rejected r) throw new InvalidOperationException($"demo seed rejected: {r.Field}: {r.Message}");
        }
        logger.LogInformation("Demo landlord {Landlord} seeded with {Count} tenants", LandlordId, Names.Length);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private static IssueNotice Notice(YearMonth period, int i)
    {
        // Tenant 100001/01: 450.00 rent + 95.30 charges − 33.00 RLS = 512.30 EUR.
        var rent = 45000 + (i * 1250);
        var lines = new List<NoticeLine>
        {
            new(NoticeLineKind.Rent, "Loyer", Money.Eur(rent)),
            new(NoticeLineKind.Charges, "Provisions pour charges", Money.Eur(9530 + (i * 100))),
            new(NoticeLineKind.Rls, "Réduction de loyer de solidarité", Money.Eur(-3300)),
        };
        if (i % 7 == 6) lines.Add(new NoticeLine(NoticeLineKind.Sls, "Supplément de loyer de solidarité", Money.Eur(4200)));
        return new IssueNotice(new NoticeReference($"{period.Year:0000}-{period.Month:00}/{i + 1:000000}"), period,
            period.OnDayOfMonth(1), period.OnDayOfMonth(5), lines, null);
    }
}
