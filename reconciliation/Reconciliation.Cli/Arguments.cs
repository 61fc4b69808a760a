namespace Reconciliation.Cli;

/// <summary>Positional arguments, <c>--name value</c> options and <c>--flag</c> switches.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public Arguments(string[] args, IReadOnlySet<string> valued, IReadOnlySet<string> flags)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (flags.Contains(a)) { _flags.Add(a); continue; }
                if (!valued.Contains(a)) throw new UsageException($"unknown option '{a}'");
                if (i + 1 >= args.Length) throw new UsageException($"option '{a}' needs a value");
                if (!_options.TryGetValue(a, out var values)) _options[a] = values = [];
                values.Add(args[++i]);
            }
            else Positional.Add(a);
        }
    }

    public List<string> Positional { get; } = [];

    public string? Get(string name) => _options.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> All(string name) => _options.TryGetValue(name, out var v) ? v : [];

    public string Required(string name) => Get(name) ?? throw new UsageException($"option '{name}' is required");

    public bool Flag(string name) => _flags.Contains(name);
}
