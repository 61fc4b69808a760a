using System.Text;
using CsCheck;
using Reconciliation.Statements;
using Reconciliation.Statements.Writers;

namespace Reconciliation.Tests.Properties;

/// <summary>
/// Damaged files (truncated, a character replaced, lines swapped or dropped) must never crash a parser: either a clean
/// rejection (<see cref="StatementFormatException"/>) or a result, possibly with warnings.
/// </summary>
public sealed class MutationPropertyTests
{
    private static readonly Gen<char> Noise = Gen.Char["0123456789ABZ{}:/-<>&; \n"];

    private static string Mutate(string text, int kind, int at, int other, char c)
    {
        if (text.Length == 0) return text;
        var p = at % text.Length;
        switch (kind)
        {
            case 0: return text[..p];
            case 1: return text[..p] + c + text[(p + 1)..];
            case 2:
            {
                var lines = text.Split('\n');
                var (i, j) = (at % lines.Length, other % lines.Length);
                (lines[i], lines[j]) = (lines[j], lines[i]);
                return string.Join('\n', lines);
            }
            default:
            {
                var lines = text.Split('\n').ToList();
                lines.RemoveAt(at % lines.Count);
                return string.Join('\n', lines);
            }
        }
    }

    private static void NeverCrashes(Func<Statement, string> write, StatementFormat format) =>
        Gen.Select(StatementGen.Statement, Gen.Int[0, 3], Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000], Noise)
            .Sample((s, kind, at, other, c) =>
            {
                var damaged = Mutate(write(s), kind, at, other, c);
                try
                {
                    var file = StatementParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(damaged)), format);
                    file.Statements.ShouldNotBeEmpty();
                }
                catch (StatementFormatException ex)
                {
                    ex.Location.ShouldNotBeNullOrWhiteSpace();
                }
            }, iter: 300);

    [Fact]
    public void Cfonb120_MutatedFile_IsRejectedCleanlyOrParsed() =>
        NeverCrashes(s => { var w = new StringWriter(); Cfonb120Writer.Write(w, s); return w.ToString(); }, StatementFormat.Cfonb120);

    [Fact]
    public void Mt940_MutatedFile_IsRejectedCleanlyOrParsed() =>
        NeverCrashes(s => { var w = new StringWriter(); Mt940Writer.Write(w, s); return w.ToString(); }, StatementFormat.Mt940);

    [Fact]
    public void Camt053_MutatedFile_IsRejectedCleanlyOrParsed() =>
        NeverCrashes(s => { var w = new StringWriter(); Camt053Writer.Write(w, [s]); return w.ToString(); }, StatementFormat.Camt053);
}
