using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Flask.Testing.Benchmarks.JudgePathBenchmarks).Assembly).Run(args);
