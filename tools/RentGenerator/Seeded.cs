namespace RentGenerator;

/// <summary>
/// The generator's only source of randomness: SplitMix64, written out here so that a seed gives the same bytes on every
/// .NET version (System.Random's seeded sequence is an implementation detail). Streams are derived from the seed and a
/// label, so tenant 17 gets the same name whether the landlord has 100 or 125,000 tenants.
/// </summary>
public sealed class Seeded
{
    private ulong _state;

    public Seeded(ulong seed) => _state = seed;

    /// <summary>An independent stream for one purpose ("tenant", 17), reproducible from the seed alone.</summary>
    public static Seeded For(long seed, string purpose, long index = 0)
    {
        var h = 14695981039346656037UL; // FNV-1a over the label, then mixed with the seed and the index
        foreach (var c in purpose) h = unchecked((h ^ c) * 1099511628211UL);
        return new Seeded(Mix(unchecked(Mix(unchecked((ulong)seed ^ h)) + (ulong)index)));
    }

    public ulong NextUInt64()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Mix(_state);
    }

    /// <summary>Uniform in [0, max).</summary>
    public int Next(int max)
    {
        if (max <= 0) throw new ArgumentOutOfRangeException(nameof(max));
        return (int)(NextUInt64() % (ulong)max);
    }

    /// <summary>Uniform in [min, max).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    public long NextLong(long min, long max) => min + (long)(NextUInt64() % (ulong)(max - min));

    /// <summary>True with the given probability in per mille (integers keep the draws exact and portable).</summary>
    public bool PerMille(int p) => Next(1000) < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Picks by integer weights.</summary>
    public T Weighted<T>(IReadOnlyList<(T Value, int Weight)> choices)
    {
        var total = 0;
        foreach (var c in choices) total += c.Weight;
        var x = Next(total);
        foreach (var c in choices)
        {
            if (x < c.Weight) return c.Value;
            x -= c.Weight;
        }
        return choices[^1].Value;
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
