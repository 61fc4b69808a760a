using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Ledger.Domain.DirectDebit;

/// <summary>
/// XSD validation of a pain.008 against the ISO 20022 schema given by the caller (the ledger does not carry a copy:
/// tests read it from ../shared/reference/xsd). Every error is a finding with rule "xsd".
/// </summary>
public static class Pain008Schema
{
    public static XmlSchemaSet Load(string xsdPath)
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(xsdPath, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        set.Add(null, reader);
        set.Compile();
        return set;
    }

    public static IReadOnlyList<Pain008Finding> Validate(byte[] file, XmlSchemaSet schemas)
    {
        var found = new List<Pain008Finding>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        settings.ValidationEventHandler += (_, e) =>
            found.Add(new Pain008Finding("xsd", $"line {e.Exception.LineNumber}", e.Message));
        using var stream = new MemoryStream(file);
        using var reader = XmlReader.Create(stream, settings);
        while (reader.Read()) { }
        return found;
    }

    /// <summary>Both checks: the XSD, then (when the file parses) the EPC rules.</summary>
    public static IReadOnlyList<Pain008Finding> ValidateAll(byte[] file, XmlSchemaSet schemas)
    {
        var xsd = Validate(file, schemas);
        using var stream = new MemoryStream(file);
        var document = XDocument.Load(stream);
        return [.. xsd, .. Pain008Checker.Check(document)];
    }
}
