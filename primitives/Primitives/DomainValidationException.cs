namespace Primitives;

/// <summary>
/// An input that cannot become a domain value. <see cref="Field"/> names what was wrong so that an API can answer
/// with a ProblemDetails naming the field, and a file parser with the line or element.
/// The message never repeats the rejected value: it may be personal data (an IBAN, a name).
/// </summary>
public sealed class DomainValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
