using Marten;
using Marten.Services;
using Npgsql;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Marten's default logger writes a failed command's SQL with every parameter: event JSON, tenant names, amounts. Personal
/// data must never reach the logs (SECURITY.md §4), so a failure is logged as what went wrong only: the exception type and
/// PostgreSQL's error code and message text (which names a table or constraint, never a row's values; Npgsql redacts the
/// detail line unless told otherwise). Successes are not logged at all.
/// </summary>
public sealed class SafeMartenLogger(ILogger logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Marten applied a schema change ({Length} characters of DDL)", sql.Length);

    public void LogSuccess(NpgsqlCommand command) { }

    public void LogSuccess(NpgsqlBatch batch) { }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failure(ex);

    public void LogFailure(NpgsqlBatch batch, Exception ex) => Failure(ex);

    public void LogFailure(Exception ex, string message) => Failure(ex);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }

    public void OnBeforeExecute(NpgsqlCommand command) { }

    public void OnBeforeExecute(NpgsqlBatch batch) { }

    private void Failure(Exception ex) => logger.LogError("Marten command failed: {Error}", Describe(ex));

    /// <summary>Type and SQL state of the innermost database error; never the exception's message (it may hold the SQL).</summary>
    public static string Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg) return $"{ex.GetType().Name} / PostgreSQL {pg.SqlState}: {pg.MessageText}";
        }
        return ex.GetType().Name;
    }
}
