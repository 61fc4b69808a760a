using Bench.Report;

// dotnet run --project tests/Benchmarks/Bench.Report -- RESULTS_DIR OUT.md CHARTS_DIR [EXPLANATIONS.md]
// RESULTS_DIR holds machine.json (written by tests/Benchmarks/run) and one *.json per benchmark program.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Bench.Report RESULTS_DIR OUT.md CHARTS_DIR [EXPLANATIONS.md]");
    return 2;
}
var results = Results.Load(args[0]);
var explanations = args.Length > 3 && File.Exists(args[3]) ? Explanations.Parse(File.ReadAllText(args[3])) : new Dictionary<string, string>();
var chartsDir = args[2];
Directory.CreateDirectory(chartsDir);
var outDir = Path.GetDirectoryName(Path.GetFullPath(args[1]))!;
var charts = Charts.All(results);
foreach (var (name, svg) in charts) File.WriteAllText(Path.Combine(chartsDir, name), svg);
var chartLinks = charts.Keys.Select(n => Path.GetRelativePath(outDir, Path.Combine(chartsDir, n)).Replace('\\', '/')).ToList();
var report = Report.Build(results, explanations, chartLinks);
File.WriteAllText(args[1], report.Markdown);
foreach (var missing in report.Missing) Console.Error.WriteLine($"NOT MEASURED: {missing}: program missing (no JSON in {args[0]})");
Console.WriteLine($"written {args[1]} ({report.Rows.Count} rows, {report.Rows.Count(r => r.Status == "met")} met, {report.Missing.Count} not measured) and {charts.Count} charts in {chartsDir}");
return 0;
