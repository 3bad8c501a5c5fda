using BenchmarkDotNet.Running;

namespace VoiceHub.Benchmarks;

public static class BenchmarkProgram
{
    // dotnet run -c Release --project bench/VoiceHub.Benchmarks -- --filter '*'
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
