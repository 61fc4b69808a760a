using System.Text.Encodings.Web;
using System.Text.Json;
using Primitives;
using NodaTime;
using NodaTime.Text;
using Reconciliation.Statements;

namespace Reconciliation.Output;

/// <summary>
/// The normalized JSON of the <c>recon parse</c> command. Written by hand with a Utf8JsonWriter so the field order
/// and the number format ("-12.30", never a binary float) are fixed and the output is byte-for-byte deterministic.
/// </summary>
public static class StatementJson
{
    public static JsonWriterOptions Options => new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream output, StatementFile file)
    {
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteString("format", file.Format);
        w.WriteStartArray("statements");
        foreach (var s in file.Statements)
        {
            w.WriteStartObject();
            w.WriteString("account", s.Account);
            w.WriteString("currency", s.Currency);
            WriteMoney(w, "openingBalance", s.OpeningBalance);
            WriteMoney(w, "closingBalance", s.ClosingBalance);
            WriteDate(w, "openingDate", s.OpeningDate);
            WriteDate(w, "closingDate", s.ClosingDate);
            w.WriteStartArray("entries");
            foreach (var e in s.Entries) WriteEntry(w, e);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var warning in file.Warnings) w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string ToJson(StatementFile file)
    {
        using var ms = new MemoryStream();
        Write(ms, file);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    internal static void WriteEntry(Utf8JsonWriter w, StatementEntry e)
    {
        w.WriteStartObject();
        w.WriteString("id", e.Id);
        WriteDate(w, "bookingDate", e.BookingDate);
        WriteDate(w, "valueDate", e.ValueDate);
        w.WriteString("amount", e.Amount.ToDecimalString());
        w.WriteString("currency", e.Amount.Currency.Code);
        w.WriteString("bankReference", e.BankReference);
        w.WriteString("bankTransactionCode", e.BankTransactionCode);
        w.WriteString("counterpartyName", e.CounterpartyName);
        w.WriteString("counterpartyIban", e.CounterpartyIban);
        w.WriteString("endToEndId", e.EndToEndId);
        w.WriteString("creditorReference", e.CreditorReference);
        w.WriteStartArray("remittance");
        foreach (var r in e.Remittance) w.WriteStringValue(r);
        w.WriteEndArray();
        w.WriteString("chequeNumber", e.ChequeNumber);
        w.WriteBoolean("isReversal", e.IsReversal);
        w.WriteString("returnReason", e.ReturnReason);
        w.WriteStartArray("transactions");
        foreach (var t in e.Transactions)
        {
            w.WriteStartObject();
            WriteMoney(w, "amount", t.Amount);
            w.WriteString("reference", t.Reference);
            w.WriteString("counterpartyName", t.CounterpartyName);
            w.WriteString("counterpartyIban", t.CounterpartyIban);
            w.WriteString("endToEndId", t.EndToEndId);
            w.WriteString("creditorReference", t.CreditorReference);
            w.WriteStartArray("remittance");
            foreach (var r in t.Remittance) w.WriteStringValue(r);
            w.WriteEndArray();
            w.WriteString("chequeNumber", t.ChequeNumber);
            w.WriteString("returnReason", t.ReturnReason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteMoney(Utf8JsonWriter w, string name, Money? m)
    {
        if (m is { } v) w.WriteString(name, v.ToDecimalString());
        else w.WriteNull(name);
    }

    public static void WriteDate(Utf8JsonWriter w, string name, LocalDate? d)
    {
        if (d is { } v) w.WriteString(name, LocalDatePattern.Iso.Format(v));
        else w.WriteNull(name);
    }
}

/// <summary>
/// The same JSON written while the file is read (<see cref="StatementReader"/>), so that neither the statements nor the
/// JSON are held: a statement's closing balance and date come after its entries (the keys are those of
/// <see cref="StatementJson"/>; only their order differs).
/// </summary>
public static class StatementJsonStream
{
    public static void Write(Stream output, StatementReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var w = new Utf8JsonWriter(output, StatementJson.Options);
        w.WriteStartObject();
        w.WriteString("format", reader.Format);
        w.WriteStartArray("statements");
        var written = 0;
        var open = false;
        foreach (var e in reader.Entries())
        {
            Ended();
            if (!open)
            {
                Header(w, reader.Current!);
                w.WriteStartArray("entries");
                open = true;
            }
            StatementJson.WriteEntry(w, e);
            if (w.BytesPending > 1 << 16) w.Flush();
        }
        Ended();
        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var warning in reader.Warnings) w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteEndObject();

        // Statements the reader has finished: the open one is closed, those without entries are written whole.
        void Ended()
        {
            while (written < reader.Statements.Count)
            {
                var s = reader.Statements[written++];
                if (!open)
                {
                    Header(w, s);
                    w.WriteStartArray("entries");
                }
                w.WriteEndArray();
                StatementJson.WriteMoney(w, "closingBalance", s.ClosingBalance);
                StatementJson.WriteDate(w, "closingDate", s.ClosingDate);
                w.WriteEndObject();
                open = false;
            }
        }
    }

    private static void Header(Utf8JsonWriter w, StatementInfo s)
    {
        w.WriteStartObject();
        w.WriteString("account", s.Account);
        w.WriteString("currency", s.Currency);
        StatementJson.WriteMoney(w, "openingBalance", s.OpeningBalance);
        StatementJson.WriteDate(w, "openingDate", s.OpeningDate);
    }
}
