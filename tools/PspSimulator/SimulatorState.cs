using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PspSimulator;

/// <summary>A checkout session or payment link as the simulated PSP holds it.</summary>
public sealed record SimSession(
    string Id, string Reference, long AmountValue, string Currency, string ReturnUrl, string MerchantAccount, string? IdempotencyKey, string Kind)
{
    public string? PspReference { get; set; }

    public string Status { get; set; } = "active";
}

/// <summary>One settled payment line for the settlement details report.</summary>
public sealed record SimSettlement(string PspReference, string MerchantReference, long AmountValue, string Currency, DateTimeOffset On, string Type);

/// <summary>What a test asks the simulator to do wrong: the next N calls to /sessions or /paymentLinks fail this way.</summary>
public enum FaultMode
{
    None,
    Http500,
    Http503,
    Timeout,
    FailAfterCreate,
}

/// <summary>How webhooks are delivered: duplicated, shuffled, delayed (the disorder Adyen allows).</summary>
public sealed record DeliveryBehaviour(int Copies = 1, bool Shuffle = false, int DelayMilliseconds = 0);

/// <summary>All of the simulator's memory. In-process only: it is a test double and a demo, not a store.</summary>
public sealed class SimulatorState
{
    private readonly Lock _gate = new();
    private FaultMode _fault = FaultMode.None;
    private int _faultCount;

    public ConcurrentDictionary<string, SimSession> Sessions { get; } = new();

    public ConcurrentDictionary<string, SimSession> ByIdempotencyKey { get; } = new();

    public ConcurrentQueue<SimSettlement> Settlements { get; } = new();

    public DeliveryBehaviour Delivery { get; set; } = new();

    public int CreateCalls;

    public void SetFault(FaultMode mode, int count)
    {
        lock (_gate) { _fault = mode; _faultCount = count; }
    }

    public FaultMode TakeFault()
    {
        lock (_gate)
        {
            if (_faultCount <= 0) return FaultMode.None;
            _faultCount--;
            return _fault;
        }
    }

    public static string NewPspReference()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (span, _) =>
        {
            Span<byte> bytes = stackalloc byte[16];
            RandomNumberGenerator.Fill(bytes);
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[bytes[i] % alphabet.Length];
        });
    }
}
