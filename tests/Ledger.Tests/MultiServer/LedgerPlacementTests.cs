using Ledger.Api.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Ledger.Tests.MultiServer;

/// <summary>Reading Ledger:Databases: where each landlord goes, and the mistakes that stop the start-up.</summary>
public sealed class LedgerPlacementTests
{
    private static LedgerPlacement Read(params string[] args) =>
        LedgerPlacement.FromConfiguration(new ConfigurationBuilder().AddCommandLine(["--ConnectionStrings:Ledger=Host=one", .. args]).Build());

    [Fact]
    public void Placement_NoSection_OneDatabaseAsBefore()
    {
        var placement = Read("--ConnectionStrings:LedgerOwner=Host=one;Username=owner");

        placement.IsSingle.ShouldBeTrue();
        placement.Of("anyone").ShouldBe(placement.Default);
        placement.Default.OwnerConnectionString.ShouldBe("Host=one;Username=owner");
    }

    [Fact]
    public void Placement_ListedLandlords_OnTheirDatabase_OthersOnTheDefault()
    {
        var placement = Read(
            "--Ledger:Databases:big:ConnectionString=Host=two", "--Ledger:Databases:big:Landlords=grand-habitat  moyen-habitat",
            "--Ledger:Databases:small:ConnectionString=Host=three", "--Ledger:Databases:small:OwnerConnectionString=Host=three;Username=o",
            "--Ledger:Databases:small:Landlords:0=petit-habitat", "--Ledger:Databases:small:Landlords:1=mini-habitat");

        placement.Of("grand-habitat").Name.ShouldBe("big");
        placement.Of("moyen-habitat").Name.ShouldBe("big");
        placement.Of("mini-habitat").Name.ShouldBe("small");
        placement.Of("nouveau-habitat").Name.ShouldBe(LedgerPlacement.DefaultName);
        placement.Of("grand-habitat").HasSeparateOwner.ShouldBeFalse(); // no owner string: the service string migrates (dev)
        placement.Of("petit-habitat").OwnerConnectionString.ShouldBe("Host=three;Username=o");
        placement.All.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData("--Ledger:Databases:big:Landlords=x", "Ledger:Databases:big: ConnectionString is required")]
    [InlineData("--Ledger:Databases:Default:ConnectionString=Host=two", "Ledger:Databases:Default: the name \"default\"")]
    public void Placement_BadDatabase_StopsNamingTheSetting(string arg, string message)
    {
        Should.Throw<InvalidOperationException>(() => Read(arg)).Message.ShouldStartWith(message);
    }

    [Fact]
    public void Placement_LandlordOnTwoDatabases_StopsNamingIt()
    {
        var error = Should.Throw<InvalidOperationException>(() => Read(
            "--Ledger:Databases:a:ConnectionString=Host=two", "--Ledger:Databases:a:Landlords=grand-habitat",
            "--Ledger:Databases:b:ConnectionString=Host=three", "--Ledger:Databases:b:Landlords=grand-habitat"));

        error.Message.ShouldContain("landlord grand-habitat is placed on two databases (a and b)");
    }

    [Fact]
    public void Placement_NoLedgerConnection_Stops()
    {
        Should.Throw<InvalidOperationException>(() => LedgerPlacement.FromConfiguration(new ConfigurationBuilder().Build()))
            .Message.ShouldStartWith("ConnectionStrings:Ledger is required");
    }
}
