using System.Net;
using System.Security.Cryptography;
using LocalPostgres;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OtpNet;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests.Accounts;

/// <summary>
/// The reconciliation host alone on real Kestrel (plain HTTP on loopback, as DevHost) and real PostgreSQL (owner and service
/// roles), with a fake clock the tests move for lockouts and TOTP steps. The ledger is never called by these tests. Each
/// test uses its own accountant (u1 … u12) so that lockouts do not cross; "approb" is the approver.
/// </summary>
public class AccountsHost : IAsyncLifetime
{
    public const string Password = "Grand-Rue 12, Lyon !";
    public const string ApproverPassword = "Place Bellecour 69002";
    public const int Users = 12;

    /// <summary>Settings a derived host adds (the rate-limit test lowers the per-IP limit).</summary>
    protected virtual string[] Extra => ["--Reconciliation:LoginRateLimit:PermitsPerMinute=1000"];

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    public string ApiKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public ServiceDatabase Database { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Url { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var server = await SharedServer.GetAsync();
        Database = await server.CreateOwnedServiceDatabaseAsync("acct_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        App = Build([.. Extra, .. UserArgs()]);
        await App.StartAsync();
        Url = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
    }

    /// <summary>A host on this database and clock; tests start a second one to see what start-up does (seeding).</summary>
    public WebApplication Build(string[] args) => Api.ReconciliationApp.Build([
        "--urls=http://127.0.0.1:0",
        $"--ConnectionStrings:Reconciliation={Database.ServiceConnectionString}",
        $"--ConnectionStrings:ReconciliationOwner={Database.OwnerConnectionString}",
        "--Ledger:BaseUrl=http://127.0.0.1:9/", "--Ledger:ApiKey=unused-in-these-tests", "--Ledger:LandlordId=acct-habitat",
        "--Reconciliation:ApiKeys:0:Name=script", $"--Reconciliation:ApiKeys:0:Key={ApiKey}",
        "--Logging:LogLevel:Default=Warning",
        .. args,
    ], b => b.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));

    public static string[] UserArgs(string approverRoles = "Accountant Approver")
    {
        var args = new List<string>
        {
            "--Reconciliation:Users:0:UserName=approb", $"--Reconciliation:Users:0:Password={ApproverPassword}",
            $"--Reconciliation:Users:0:Roles={approverRoles}",
        };
        for (var i = 1; i <= Users; i++)
            args.AddRange([$"--Reconciliation:Users:{i}:UserName=u{i}", $"--Reconciliation:Users:{i}:Password={Password}", $"--Reconciliation:Users:{i}:Roles=Accountant"]);
        return [.. args];
    }

    public HttpClient Browser() => new(new LoopbackCookieHandler()) { BaseAddress = Url, Timeout = TimeSpan.FromMinutes(1) };

    /// <summary>Posts the login form as a browser would (token from the page first); the response is the caller's.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string user, string password)
    {
        var token = await ReconStack.TokenAsync(browser, "login");
        return await browser.PostAsync("login", ReconStack.Form(token, ("userName", user), ("password", password), ("returnUrl", "/")));
    }

    public async Task<HttpClient> LoggedInAsync(string user, string password = Password)
    {
        var browser = Browser();
        using var response = await PostLoginAsync(browser, user, password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"login of {user}");
        return browser;
    }

    /// <summary>Posts a form of a logged-in page (the antiforgery token read from <paramref name="page"/>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string action, params (string Name, string Value)[] fields) =>
        await browser.PostAsync(action, ReconStack.Form(await ReconStack.TokenAsync(browser, page), fields));

    /// <summary>The code an authenticator app shows now on the fake clock, <paramref name="stepsLater"/> steps ahead.</summary>
    public string Code(string secret, int stepsLater = 0) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Time.GetUtcNow().AddSeconds(30 * stepsLater).UtcDateTime);

    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
