namespace EPlanNacc.IntegrationTests;

/// <summary>This assembly as a program (dotnet test does not use it): <c>dotnet EPlanNacc.IntegrationTests.dll
/// pdf-probe &lt;profile folder&gt;</c> starts a PDF renderer in a process of its own, prints one report and waits
/// (<see cref="Reporting.PrinterProbe"/>), so that a test can kill that process and see what becomes of its
/// Chromium.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["pdf-probe", var folder]) return Reporting.PrinterProbe.RunAsync(folder).GetAwaiter().GetResult();
        Console.Error.WriteLine("EPlanNacc.IntegrationTests runs under dotnet test; as a program it knows only " +
                                "'pdf-probe <profile folder>'.");
        return 2;
    }
}
