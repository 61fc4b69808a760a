using System.Globalization;
using NodaTime.Text;
using RentGenerator;

// dotnet run --project tools/RentGenerator -- --seed 42 --tenants 3000 --month 2026-11 [--months 12] --out <dir>
//   [--single-direct-debits] [--break-balance]
var options = new Dictionary<string, string>(StringComparer.Ordinal);
var flags = new HashSet<string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "--single-direct-debits" or "--break-balance") flags.Add(args[i]);
    else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) options[args[i]] = args[++i];
    else return Usage($"unexpected argument '{args[i]}'");
}
foreach (var k in options.Keys)
{
    if (k is not ("--seed" or "--tenants" or "--month" or "--months" or "--out")) return Usage($"unknown option '{k}'");
}
if (!options.TryGetValue("--out", out var output)) return Usage("--out <folder> is required");
if (!long.TryParse(options.GetValueOrDefault("--seed", "42"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)) return Usage("--seed must be an integer");
if (!int.TryParse(options.GetValueOrDefault("--tenants", "3000"), NumberStyles.None, CultureInfo.InvariantCulture, out var tenants)) return Usage("--tenants must be a number");
if (!int.TryParse(options.GetValueOrDefault("--months", "1"), NumberStyles.None, CultureInfo.InvariantCulture, out var months)) return Usage("--months must be a number");
var month = YearMonthPattern.Iso.Parse(options.GetValueOrDefault("--month", "2026-11"));
if (!month.Success) return Usage("--month must be YYYY-MM");
try
{
    var o = new GeneratorOptions(seed, tenants, month.Value, months, flags.Contains("--single-direct-debits"), flags.Contains("--break-balance"));
    var g = Generator.Generate(o);
    var files = Output.WriteAll(g, output);
    var entries = g.Months.Sum(m => m.Entries.Count);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{tenants} tenants, {g.Landlord.Notices.Count} notices, {entries} bank entries over {months} month(s); {files.Count} files in {Path.GetFullPath(output)}"));
    return 0;
}
catch (ArgumentException ex)
{
    return Usage(ex.Message);
}

static int Usage(string message)
{
    Console.Error.WriteLine($"usage: {message}");
    Console.Error.WriteLine("rent-generator --seed N --tenants N --month YYYY-MM [--months N] --out <folder> [--single-direct-debits] [--break-balance]");
    return 2;
}
