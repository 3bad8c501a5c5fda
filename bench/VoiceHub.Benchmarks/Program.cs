using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/VoiceHub.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
