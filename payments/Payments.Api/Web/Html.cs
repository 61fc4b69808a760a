using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace Payments.Api.Web;

/// <summary>
/// The server-rendered page shell: French, no script at all (the CSP forbids it), one same-origin stylesheet, readable on a
/// phone. Every dynamic value goes through <see cref="E"/>.
/// </summary>
public static class Html
{
    // All of Unicode allowed through: French stays readable in the source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => Encoder.Encode(text ?? "");

    public static IResult Page(string title, string body, int status = 200, int? refreshSeconds = null) =>
        Results.Content(Layout(title, body, refreshSeconds), "text/html; charset=utf-8", Encoding.UTF8, status);

    public static string Layout(string title, string body, int? refreshSeconds = null) => $"""
        <!doctype html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {(refreshSeconds is { } s ? $"<meta http-equiv=\"refresh\" content=\"{s}\">" : "")}
        <title>{E(title)} – Paiement du loyer</title>
        <link rel="stylesheet" href="/site.css">
        </head>
        <body>
        <header><p class="brand">Paiement du loyer</p></header>
        <main id="contenu">
        <h1>{E(title)}</h1>
        {body}
        </main>
        <footer><p>Nous ne vous demanderons jamais vos coordonnées bancaires par courriel ou par téléphone.</p></footer>
        </body>
        </html>
        """;

    public static string Antiforgery(IAntiforgery antiforgery, HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    public const string Css = """
        body{font-family:system-ui,sans-serif;margin:0;line-height:1.5;color:#1b1b1b;background:#fff}
        header,footer{background:#000091;color:#fff;padding:.5rem 1rem}
        footer{background:#f2f2f2;color:#1b1b1b;font-size:.9rem}
        main{max-width:40rem;margin:0 auto;padding:1rem}
        label{display:block;font-weight:600;margin-top:1rem}
        input[type=text]{width:100%;max-width:20rem;font-size:1.1rem;padding:.5rem;border:2px solid #3a3a3a}
        button{margin-top:1rem;font-size:1.1rem;padding:.7rem 1.2rem;background:#000091;color:#fff;border:0;cursor:pointer}
        button:focus,input:focus{outline:3px solid #0a76f6;outline-offset:2px}
        .alerte{border-left:6px solid #ce0500;padding:.5rem 1rem;background:#fff4f4}
        .info{border-left:6px solid #0063cb;padding:.5rem 1rem;background:#f4f6ff}
        .ok{border-left:6px solid #18753c;padding:.5rem 1rem;background:#f4fff6}
        dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
        code{font-size:1.05rem;background:#eee;padding:.1rem .3rem}
        """;
}
