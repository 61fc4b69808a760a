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

    public static IResult From(Decision.Rejected rejected) => rejected.Kind switch
    {
        RejectionKind.Invalid => Invalid(rejected.Field, rejected.Message),
        RejectionKind.NotFound => NotFound(rejected.Field, rejected.Message),
        _ => Conflict(rejected.Field, rejected.Message),
    };
}
