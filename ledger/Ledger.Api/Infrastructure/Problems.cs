using Ledger.Domain.Accounts;
using Primitives;

namespace Ledger.Api.Infrastructure;

/// <summary>ProblemDetails answers. A 400 always names the field (or CSV line) in the "field" extension.</summary>
public static class Problems
{
    public static IResult Invalid(string field, string detail) =>
        TypedResults.Problem(detail, statusCode: 400, title: "Invalid request", extensions: new Dictionary<string, object?> { ["field"] = field });

    public static IResult NotFound(string field, string detail) =>
        TypedResults.Problem(detail, statusCode: 404, title: "Not found", extensions: new Dictionary<string, object?> { ["field"] = field });

    public static IResult Conflict(string field, string detail) =>
        TypedResults.Problem(detail, statusCode: 409, title: "Conflict", extensions: new Dictionary<string, object?> { ["field"] = field });

    public static IResult From(DomainValidationException ex) => Invalid(ex.Field, ex.Message);

    /// <summary>Most errors listed in one answer (a rent roll with thousands of bad lines must not make a huge answer).</summary>
    public const int MaxListedErrors = 100;

    /// <summary>
    /// Every error of a batch in one 400: <c>field</c> names the first (as for a single error), <c>errors</c> lists up to
    /// <see cref="MaxListedErrors"/> of them in order, each with its field and detail, and <c>errorCount</c> says how many there were.
    /// </summary>
    public static IResult Invalid(IReadOnlyList<DomainValidationException> errors) =>
        TypedResults.Problem(
            errors.Count == 1 ? errors[0].Message
            : errors.Count <= MaxListedErrors ? $"{errors.Count} errors in the batch; nothing was imported"
            : $"{errors.Count} errors in the batch, the first {MaxListedErrors} listed; nothing was imported",
            statusCode: 400, title: "Invalid request",
            extensions: new Dictionary<string, object?>
            {
                ["field"] = errors[0].Field,
                ["errorCount"] = errors.Count,
                ["errors"] = errors.Take(MaxListedErrors).Select(e => new { field = e.Field, detail = e.Message }).ToList(),
            });

    public static IResult From(Decision.Rejected rejected) => rejected.Kind switch
    {
        RejectionKind.Invalid => Invalid(rejected.Field, rejected.Message),
        RejectionKind.NotFound => NotFound(rejected.Field, rejected.Message),
        _ => Conflict(rejected.Field, rejected.Message),
    };
}
