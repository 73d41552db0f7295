// `npm run bench` is filled in by the benchmarks issue (first sync, delta pull, server throughput,
// projection, payload, memory; each figure with a ceiling measured in the same run). Until then it
// says so and fails, so nobody mistakes it for a result.
console.error('Benchmarks are not implemented yet (see the benchmarks issue). Nothing was measured.');
process.exit(2);
