using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Payments.Api.Web.Pages;

namespace Payments.Api.Web;

/// <summary>
/// How a tenant page is answered: a Razor component rendered on the server (static SSR, no script) with its status code.
/// Razor encodes every value; the encoder lets French through unescaped so the pages stay readable in the source.
/// </summary>
public static class TenantPages
{
    public static IServiceCollection AddTenantPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        return services;
    }

    public static IResult Render<TComponent>(object parameters, int status = StatusCodes.Status200OK) where TComponent : IComponent =>
        new RazorComponentResult<TComponent>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    public static IResult Message(string title, string message, int status, string kind = "alerte", bool otherWays = false) =>
        Render<MessagePage>(new { Title = title, Message = message, Kind = kind, ShowOtherWays = otherWays }, status);

    /// <summary>The stylesheet and the favicon: same-origin, so the CSP (style-src/img-src 'self') allows them.</summary>
    public static void MapSiteAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/site.css", () => Results.Text(Css, "text/css"));
        app.MapGet("/favicon.svg", () => Results.Text(Favicon, "image/svg+xml"));
        // Browsers ask for /favicon.ico whatever the page says: answer it too, so that no page logs a 404.
        app.MapGet("/favicon.ico", () => Results.Text(Favicon, "image/svg+xml"));
    }

    private const string Favicon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#000091"/><path d="M6 16 16 7l10 9v9H19v-6h-6v6H6z" fill="#fff"/></svg>
        """;

    // Small screens: border-box everywhere so a 100 % wide input fits at 320 px; long codes (IBAN, RF) wrap.
    private const string Css = """
        *,*::before,*::after{box-sizing:border-box}
        body{font-family:system-ui,sans-serif;margin:0;line-height:1.5;color:#1b1b1b;background:#fff;overflow-wrap:break-word}
        header,footer{background:#000091;color:#fff;padding:.5rem 1rem}
        header p{margin:.25rem 0;font-weight:700}
        .logo{display:inline-block;border:2px solid #fff;padding:0 .3rem;margin-right:.3rem}
        .sous-titre{font-weight:400}
        footer{background:#f2f2f2;color:#1b1b1b;font-size:.9rem}
        main{max-width:40rem;margin:0 auto;padding:1rem}
        label{display:block;font-weight:600;margin-top:1rem}
        input[type=text]{width:100%;max-width:20rem;font-size:1.1rem;padding:.5rem;border:2px solid #3a3a3a}
        button{margin-top:1rem;font-size:1.1rem;padding:.7rem 1.2rem;background:#000091;color:#fff;border:0;cursor:pointer;max-width:100%}
        button:focus,input:focus,a:focus{outline:3px solid #0a76f6;outline-offset:2px}
        a{color:#000091}
        .alerte{border-left:6px solid #ce0500;padding:.5rem 1rem;background:#fff4f4}
        .info{border-left:6px solid #0063cb;padding:.5rem 1rem;background:#f4f6ff}
        .ok{border-left:6px solid #18753c;padding:.5rem 1rem;background:#f4fff6}
        dl{display:grid;grid-template-columns:auto minmax(0,1fr);gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;min-width:0}
        code{font-size:1.05rem;background:#eee;padding:.1rem .3rem;overflow-wrap:anywhere}
        .iban{white-space:normal;word-spacing:.1rem;user-select:all}
        """;
}
