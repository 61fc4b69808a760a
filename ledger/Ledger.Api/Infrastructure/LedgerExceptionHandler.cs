using Primitives;
using Microsoft.AspNetCore.Diagnostics;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Expected input errors become 400 ProblemDetails naming the field; anything else a 500 without internals. The exception
/// message of a validation error never holds the rejected value, and request bodies are never logged.
/// </summary>
public sealed class LedgerExceptionHandler(ILogger<LedgerExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        IResult result;
        switch (exception)
        {
            case DomainValidationException v:
                result = Problems.From(v);
                break;
            case BadHttpRequestException bad:
                // Malformed JSON, wrong content type, body too large: say which without echoing the body.
                result = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? TypedResults.Problem("the request body is too large", statusCode: 413, title: "Payload too large")
                    : BindingProblem(bad);
                break;
            case System.Text.Json.JsonException json:
                result = JsonProblem(json);
                break;
            default:
                // Not the exception itself: a Marten or Npgsql message can carry SQL and, through it, personal data.
                logger.LogError("Unhandled error on {Method} {Route}: {Error}\n{Stack}", http.Request.Method, http.GetEndpoint()?.DisplayName,
                    SafeMartenLogger.Describe(exception), exception.StackTrace);
                result = TypedResults.Problem("an unexpected error occurred; it has been logged", statusCode: 500, title: "Internal error");
                break;
        }
        await result.ExecuteAsync(http);
        return true;
    }

    /// <summary>
    /// The framework's own binding errors, with the field they are about: the JSON path of a malformed or mistyped value
    /// ("amount", "lines[0].amount"), or the query parameter that did not parse ("limit"). Never the rejected value.
    /// </summary>
    private static IResult BindingProblem(BadHttpRequestException bad)
    {
        if (bad.InnerException is System.Text.Json.JsonException json) return JsonProblem(json);
        var parameter = System.Text.RegularExpressions.Regex.Match(bad.Message, "parameter \"(?:[^\"]* )?([A-Za-z_][A-Za-z0-9_]*)\"");
        return parameter.Success
            ? Problems.Invalid(parameter.Groups[1].Value, $"{parameter.Groups[1].Value} has the wrong type or format")
            : Problems.Invalid("body", "the request body is not valid JSON for this endpoint");
    }

    private static IResult JsonProblem(System.Text.Json.JsonException json)
    {
        var path = json.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : json.Path is "$" or null ? "body" : json.Path;
        return Problems.Invalid(path, path == "body"
            ? "the request body is not valid JSON for this endpoint"
            : $"{path} has the wrong type (or the JSON around it is malformed)");
    }
}
