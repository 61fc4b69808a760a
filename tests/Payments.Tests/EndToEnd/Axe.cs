using System.Text.Json;
using Microsoft.Playwright;
using Payments.Tests.Support;

namespace Payments.Tests.EndToEnd;

/// <summary>
/// axe-core from its npm package (installed by .ci/run into .ci/axe, or AXE_CORE_PATH). It is third-party code, so it is not
/// in the repository; when it is absent the test fails and says how to install it: an accessibility check that silently did
/// not run is not a pass.
/// </summary>
public static class Axe
{
    public static string ScriptPath()
    {
        var path = Environment.GetEnvironmentVariable("AXE_CORE_PATH") is { Length: > 0 } fromEnv
            ? fromEnv
            : Path.Combine(TestPaths.RepoRoot, ".ci", "axe", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"axe-core not found at {path}: run `npm install --prefix .ci/axe axe-core@4` (as .ci/run does) or set AXE_CORE_PATH.");
        }
        return path;
    }

    /// <summary>The violations on the page as "rule (impact): targets", empty when there are none.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = ScriptPath() });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document);
              return { passes: r.passes.length, violations: r.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`) };
            }
            """);
        // A run that checked nothing would also report no violation.
        result.GetProperty("passes").GetInt32().ShouldBeGreaterThan(0);
        return result.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
