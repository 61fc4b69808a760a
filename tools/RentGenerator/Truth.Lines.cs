using System.Text.Json;
using Primitives;

namespace RentGenerator;

public static partial class Truth
{
    private static void Summary(Utf8JsonWriter w, Generated g, IReadOnlyList<string> files)
    {
        w.WriteStartObject();
        w.WriteString("type", "summary");
        w.WriteNumber("seed", g.Options.Seed);
        w.WriteNumber("tenants", g.Options.Tenants);
        w.WriteString("firstMonth", Writers.CsvFiles.Period(g.Options.FirstMonth));
        w.WriteNumber("months", g.Options.Months);
        w.WriteBoolean("singleDirectDebits", g.Options.SingleDirectDebits);
        w.WriteBoolean("balanceBroken", g.Options.BreakBalance);
        w.WriteStartObject("landlord");
        w.WriteString("id", GenLandlord.Id);
        w.WriteString("name", GenLandlord.Name);
        w.WriteString("iban", g.Landlord.Iban);
        w.WriteString("bic", GenLandlord.Bic);
        w.WriteString("account", GenLandlord.Account);
        w.WriteString("creditorId", g.Landlord.CreditorId);
        w.WriteString("tenantReferencePattern", @"^\d{6}/\d{2}$");
        w.WriteEndObject();
        w.WriteString("matchable", MatchableRule);
        w.WriteStartArray("files");
        foreach (var f in files) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Entry(Utf8JsonWriter w, GeneratedMonth m, BankEntry e)
    {
        w.WriteStartObject();
        w.WriteString("type", "entry");
        w.WriteString("month", Writers.CsvFiles.Period(m.Period));
        w.WriteString("bankReference", e.BankReference);
        w.WriteString("date", Writers.CsvFiles.Date(e.Date));
        w.WriteString("amount", Money.FormatCents(e.Cents));
        w.WriteString("kind", e.Kind);
        w.WriteString("what", e.What);
        if (e.Channel is { } c) w.WriteString("channel", c.ToString());
        if (e.TrueTenant != null) w.WriteString("tenant", e.TrueTenant);
        Strings(w, "noise", e.Noise);
        if (e.DetailFile != null)
        {
            w.WriteString("detailFile", e.DetailFile);
            w.WriteString("detailReference", e.DetailReference);
        }
        if (e.Kind is EntryKinds.RentPayment or EntryKinds.Return || e.Transactions.Count > 0)
        {
            w.WriteStartObject("matchable");
            foreach (var f in Formats.Bank)
            {
                w.WriteBoolean(f, e.Transactions.Count > 0 ? e.Transactions.All(t => t.Evidence.Matchable(f)) : e.Evidence.Matchable(f));
            }
            w.WriteEndObject();
            if (e.Transactions.Count == 0) Why(w, e.Evidence);
        }
        Allocations(w, e.Allocations);
        if (e.Transactions.Count > 0)
        {
            w.WriteStartArray("transactions");
            foreach (var t in e.Transactions)
            {
                w.WriteStartObject();
                w.WriteString("reference", t.Reference);
                w.WriteString("amount", Money.FormatCents(t.Cents));
                w.WriteString("kind", t.Kind);
                if (t.Channel is { } tc) w.WriteString("channel", tc.ToString());
                if (t.TrueTenant != null) w.WriteString("tenant", t.TrueTenant);
                Strings(w, "noise", t.Noise);
                w.WriteStartObject("matchable");
                foreach (var f in Formats.Bank) w.WriteBoolean(f, t.Evidence.Matchable(f));
                w.WriteEndObject();
                Why(w, t.Evidence);
                Allocations(w, t.Allocations);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Why(Utf8JsonWriter w, Evidence e)
    {
        w.WriteStartObject("why");
        foreach (var f in Formats.Bank) w.WriteString(f, e.Why(f));
        w.WriteEndObject();
    }

    private static void Allocations(Utf8JsonWriter w, IReadOnlyList<TruthAllocation> allocations)
    {
        w.WriteStartArray("allocations");
        foreach (var a in allocations)
        {
            w.WriteStartObject();
            w.WriteString("tenant", a.Tenant);
            if (a.Notice is null) w.WriteNull("notice");
            else w.WriteString("notice", a.Notice);
            w.WriteString("amount", Money.FormatCents(a.Cents));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
