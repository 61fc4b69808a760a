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
                    : Problems.Invalid("body", "the request body is not valid JSON for this endpoint");
                break;
            case System.Text.Json.JsonException:
                result = Problems.Invalid("body", "the request body is not valid JSON for this endpoint");
                break;
            default:
                logger.LogError(exception, "Unhandled error on {Method} {Route}", http.Request.Method, http.GetEndpoint()?.DisplayName);
                result = TypedResults.Problem("an unexpected error occurred; it has been logged", statusCode: 500, title: "Internal error");
                break;
        }
        await result.ExecuteAsync(http);
        return true;
    }
}
