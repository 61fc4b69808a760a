namespace LocalPostgres;

/// <summary>
/// One server per test process, started on first use (xunit 2 has no assembly fixture). Test classes then take a
/// database each with <see cref="ThrowawayPostgres.CreateDatabaseAsync"/>.
/// </summary>
public static class SharedServer
{
    private static readonly Lazy<Task<ThrowawayPostgres>> Server =
        new(() => ThrowawayPostgres.StartAsync(fast: true), LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<ThrowawayPostgres> GetAsync() => Server.Value;
}
