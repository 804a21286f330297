using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Hot-path micro-benchmarks. In-process toolchain: BenchmarkDotNet's generated project would inherit this repo's
// Directory.Build.props / central package versions (warnings as errors), and these benchmarks need no isolation
// beyond their own process. Usage (Release): dotnet run -c Release --project load/StatusGrid.Benchmarks -- --filter '*'
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(StatusGrid.Benchmarks.SampleData).Assembly).Run(args, config);
