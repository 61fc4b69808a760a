namespace Reconciliation.Cli;

public static class Program
{
    public static int Main(string[] args) => ReconCommand.Run(args, Console.Out, Console.Error);
}
