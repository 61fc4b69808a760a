using System.Text.RegularExpressions;

namespace Primitives;

/// <summary>
/// How the value objects' own fixed shape patterns run. They run on the linear-time engine, so no input can make them
/// slow, and therefore with no match timeout: a 50 ms wall-clock timeout fired under heavy CPU load (a descheduled thread,
/// not a slow pattern) and turned a valid reference into a 500 during bulk seeding. Landlord-supplied patterns are a
/// different matter and keep their timeout (<see cref="TenantReferenceFormat"/>).
/// </summary>
internal static class FixedShape
{
    public const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    public static readonly TimeSpan Timeout = Regex.InfiniteMatchTimeout;
}
