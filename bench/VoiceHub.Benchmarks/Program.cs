using BenchmarkDotNet.Running;
using VoiceHub.Benchmarks.Engine;

namespace VoiceHub.Benchmarks;

public static class BenchmarkProgram
{
    /// <summary>
    /// Micro-benchmarks: dotnet run -c Release --project bench/VoiceHub.Benchmarks -- --filter '*'
    /// Engine throughput: dotnet run -c Release --project bench/VoiceHub.Benchmarks -- engine --workflows 500
    /// Engine through HTTP: dotnet run -c Release --project bench/VoiceHub.Benchmarks -- engine-http --workflows 5000 --connections 32
    /// Speech accuracy and speed: dotnet run -c Release --project bench/VoiceHub.Benchmarks -- speech --per-voice 40
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "speech")
        {
            return await Speech.SpeechBench.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "engine-http")
        {
            return await EngineHttpThroughput.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "engine")
        {
            return await EngineThroughput.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
